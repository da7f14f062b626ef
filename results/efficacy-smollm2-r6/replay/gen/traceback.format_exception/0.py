def format_exception(exc, tb, limit=None, chain=False):
    if tb is None:
        tb = str(len(exc)) + " " + str(limit) + " " + str(limit) + " " + exc
    return traceback(exc, tb, limit=limit)

def print_exception(exc, tb, limit=None):
    if tb is None:
        return traceback(exc, tb, limit=limit)
    return traceback(exc, tb, limit=limit)

def format_exception(exc, tb, limit=None):
    return traceback(exc, tb, limit=limit)
