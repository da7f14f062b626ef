def pformat(obj, indent=1, width=80, depth=None, *, compact=False):
    """Format a Python object into a pretty-printed representation."""
    return f"{indent} {str(obj)}{width} {str(indent)}{str(indent)}{depth} {str(indent)}{str(indent)}{depth}"
