def split(p):
    return (p.split("/"), len(p.split("/", 1)))
