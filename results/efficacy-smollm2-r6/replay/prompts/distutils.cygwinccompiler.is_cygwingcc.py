def is_cygwingcc():
    """Try to determine if the gcc that would be used is from cygwin."""
