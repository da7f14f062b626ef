def uuid3(namespace, name):
    """Generate a UUID from the MD5 hash of a namespace UUID and a name."""
