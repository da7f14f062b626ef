def split(p):
    return (p[p.rindex('/') + 1:].rstrip('/') + p[p.rindex('\\'):])
