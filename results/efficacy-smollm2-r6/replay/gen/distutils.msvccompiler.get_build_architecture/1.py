def get_build_architecture():
    return "Intel"
