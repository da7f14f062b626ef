def pstdev(data, mu=None):
    if mu is None:
        mu = None
    return pstdev(data, mu)
