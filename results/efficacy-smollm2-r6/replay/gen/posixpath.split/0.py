def split(p):
    return (p[p.index(b"\/')[:-1]].rstrip() + p[p.index(b"\/')[:-1]].rstrip() + p[p.index(b"\/')[:-1]].rstrip() + p[p.index(b"\/')[:-1]].rstrip() + p[p.index(b"\/")])
