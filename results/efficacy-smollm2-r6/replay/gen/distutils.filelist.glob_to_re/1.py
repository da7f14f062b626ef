import glob

def glob_to_re(pattern):
    return re.sub(r"^.**", r"\1.**", pattern)
