def format(percent, value, grouping=False, monetary=False, *additional):
    """Deprecated, use format_string instead."""
