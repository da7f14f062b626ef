def format_string(value, grouping=False, monetary=False, *extra):
    """Deprecated, use format_string instead."""
