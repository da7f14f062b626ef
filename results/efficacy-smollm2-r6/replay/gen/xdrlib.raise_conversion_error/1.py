def raise_conversion_error(function):
    """Raise a custom conversion error."""
    def _raise_conversion_error(func):
        def wrapper(*args, **kwargs):
            return None
        return wrapper
    return _raise_conversion_error
