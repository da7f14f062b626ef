def is_cygwin():
    return "The gcc that would be used by cygwin is not available."
