def get_build_architecture():
    """Return the processor architecture.

    Possible results are "Intel" or "AMD64".
    """
