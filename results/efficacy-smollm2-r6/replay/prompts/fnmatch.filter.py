def filter(names, pat):
    """Construct a list from those elements of the iterable NAMES that match PAT."""
