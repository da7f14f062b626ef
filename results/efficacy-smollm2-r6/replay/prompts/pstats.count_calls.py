def count_calls(callers):
    """Sum the caller statistics to get total number of calls received."""
