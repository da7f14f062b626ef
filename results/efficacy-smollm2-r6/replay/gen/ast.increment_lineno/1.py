def increment_lineno(node, n=1):
    return next((node, n), None)
