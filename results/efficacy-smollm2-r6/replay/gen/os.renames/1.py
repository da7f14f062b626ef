import os

def renames(old, new):
    """
    Renames a directory.
    """
    if not os.path.exists(old):
        os.makedirs(old)
    if not os.path.exists(new):
        os.makedirs(new)
    for dirpath, dirnames, filenames in os.walk(old):
        for filename in filenames:
            if not filename.endswith(len(old)):
                os.rmdir(filename)
            if not os.path.exists(new):
                os.mkdir(new)
                new.append(filename)
                new.append(filename)
                continue
            if not os.path.exists(new):
                os.mkdir(new)
                new.append(filename)
                new.append(filename)
                continue
            if os.path.exists(new):
                os.rmdir(new)
                continue
            if filename in filenames:
                continue
            if new:
                new.append(filename)
                continue
            if not os.path.exists(new):
                os.mkdir(new)
                new.append(filename)
                new.append(filename)
                continue
            if not os.path.exists(new):
                os.rmdir(new)
                continue
            if filename in filenames:
                continue
            if new:
                new.append(filename)
                continue
            if not os.path.exists(new):
                os
