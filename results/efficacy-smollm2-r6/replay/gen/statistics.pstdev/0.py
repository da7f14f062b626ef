import math

def pstdev(data, mu=None):
    if mu is None:
        mu = mu_by_mu
    return math.sqrt(mu * mu)
