def count_calls(callers):
    return sum(1 for c in range(len(callers)) if c in caller_count)
