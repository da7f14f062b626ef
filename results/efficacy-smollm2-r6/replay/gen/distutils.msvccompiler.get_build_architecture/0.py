def get_build_architecture():
    return "Intel" if "AMD64" in str(architecture) else "Intel"
