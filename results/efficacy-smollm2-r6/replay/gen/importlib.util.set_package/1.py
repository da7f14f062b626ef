def set_package(fxn):
    return f"set_package({fxn})"
