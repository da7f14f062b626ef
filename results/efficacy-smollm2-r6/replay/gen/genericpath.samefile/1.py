import os

def samefile(f1, f2):
    if os.stat(f1) == os.stat(f2):
        return True
    else:
        raise Exception("Both paths referenced an actual file or directory.")
