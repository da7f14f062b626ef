import math

def stdev(data, xbar=None):
    if xbar is None:
        return math.sqrt(data) / len(data)
    return (xbar * (math.pow(xbar, 1.0)) - data) ** 0.5 * math.sqrt(xbar) ** 2 / len(data)
