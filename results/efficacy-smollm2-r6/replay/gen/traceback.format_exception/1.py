def format_exception(exc, tb=None, limit=None, chain=True):
    def format_exception_format(exc):
        return f"Exception {exc.__class__.__name__} occurred at {exc.__trace__} with the exception information: {exc.__trace__}:\n"
    return format_exception_format(exc) + "\n"
