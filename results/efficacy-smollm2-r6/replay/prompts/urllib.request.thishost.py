def thishost():
    """Return the IP addresses of the current host."""
