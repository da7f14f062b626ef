import re

def glob_to_re(pattern):
    return re.sub(r"^[^a-zA-Z0-9\s_]+$", r"\1", pattern)
