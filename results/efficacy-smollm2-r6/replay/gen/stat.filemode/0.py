def filemode(mode):
    return f"rwxr-r--r--" + mode
