def scanvars(reader, frame, locals):
    """Scan one logical line of Python and look up values of variables used."""
