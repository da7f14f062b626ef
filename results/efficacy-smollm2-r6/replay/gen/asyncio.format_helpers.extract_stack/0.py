def extract_stack(f=None, limit=None):
    """
    Replacement for traceback.extract_stack() that only does the necessary work for
    asyncio debug mode.

    Args:
        f: A function that returns a traceback.
        limit: A function that returns a traceback with a maximum depth.

    Returns:
        A function that returns a traceback with a maximum depth.

    Raises:
        Exception
        Exception is a custom exception that is raised when the traceback is not
        available.
    """
    if f is None:
        raise Exception("f is None")

    def traceback_extractor(f):
        return traceback.extract_stack(f, limit)
    return traceback_extractor
