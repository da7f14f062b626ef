def extract_stack(f=None, limit=None):
    if f is None:
        raise ValueError("f is not a function")
    return f"{f.__name__} {f.__code__.co_} {f.__func__.__name__} {f.__func__.__name__} {f.__func__.__lib__} {f.__lib__} {f.__lib__.__name__} {f.__lib__} {f.__lib__.__lib__} {f.__lib__} {f.__lib__} {f.__lib__} {f.__lib__} {f.__lib__} {f.__lib__} {f.__lib__} {f.__lib__} {f.__lib__} {f.__lib__} {f.__lib__} {f.__lib__} {f.__lib__} {f.__lib__} {f.__lib__} {f.__lib__} {f.__lib__} {f.__lib__} {f.__lib__} {f.__lib__} {f.__lib__} {f.__lib__} {f.__lib__} {f.__lib__} {f.__lib__} {f.__lib__} {f.__lib__} {f.__lib__} {f.__lib__} {f.__lib__} {f.__lib__} {f.__lib__} {f.__lib__} {
