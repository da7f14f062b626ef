def escape_path(path):
    """Escape any invalid characters in HTTP URL, and uppercase all escapes."""
