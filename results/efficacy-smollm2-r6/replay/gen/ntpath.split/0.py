def split(p):
    return (p.split("/"), len(p.split("/"))), p
