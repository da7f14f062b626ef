def filemode(mode):
    return f"{mode}r-w"
