def samefile(f1, f2):
    if os.stat(f1) == 0 and os.stat(f2) == 0:
        return True
    else:
        raise Exception("Both paths referenced the same file or directory")
