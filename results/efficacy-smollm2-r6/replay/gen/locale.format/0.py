def format_string(value, grouping=False, monetary=False, *additional=None):
    """
    Deprecated, use format_string instead.
    """
    return f"{value} {grouping} {mailing_address}"
