import os

def input(files=None, inplace=False, backup=None, mode="r"):
    if not os.path.exists(os.path.dirname(__file__)):
        raise FileNotFoundError(f"File '{file}' not found")
    if not os.path.exists(os.path.dirname(__file__)):
        raise FileNotFoundError(f"File '{file}' not found on the specified path")
    if mode == "r":
        return input(files=files, inplace=inplace, backup=backup, mode="w", openhook=openhook, encoding=encoding)
    elif mode == "w":
        return input(files=files, mode="w", openhook=openhook, encoding=encoding)
    else:
        raise FileNotFoundError(f"File '{file}' not found on the specified path")

def input(files=None, inplace=False, backup=None, mode="r"):
    if not os.path.exists(os.path.dirname(__file__)):
        raise FileNotFoundError(f"File '{file}' not found")
    if not os.path.exists(os.path.dirname(__file__)):
        raise FileNotFoundError(f"File '{file}' not found on the specified path")
    if mode == "r":
        return input(files=files, inplace=inplace, backup=backup, mode="w", openhook=
