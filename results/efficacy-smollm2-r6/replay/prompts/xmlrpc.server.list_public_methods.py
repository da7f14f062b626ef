def list_public_methods(obj):
    """Returns a list of attribute strings, found in the specified
    object, which represent callable attributes
    """
