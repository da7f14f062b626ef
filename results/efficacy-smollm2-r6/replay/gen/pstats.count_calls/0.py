def count_calls(callers):
    return sum(lambda x: x + 1, (1, *args, **kwargs))
