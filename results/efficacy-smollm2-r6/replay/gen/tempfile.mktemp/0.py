import os

def mktemp(suffix="", prefix="", dir=None):
    if not os.path.exists(prefix):
        os.mkdir(prefix)
    if not prefix:
        prefix = os.path.dirname(prefix) + ".txt"
    mktemp_file = os.path.join(prefix, suffix)
    if not os.path.exists(mktemp_file):
        mktemp_file = os.path.join(prefix, "temp.txt")
    os.maketable(prefix, filename=mktemp_file)
    os.rmdir(prefix)
