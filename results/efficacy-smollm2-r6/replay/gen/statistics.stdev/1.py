def stdev(data, xbar=None):
    if xbar is None:
        return sum(data ** 2 / len(data) for data in data) / len(data)
    else:
        return (data ** 2 / len(data) ** 0.5) ** xbar ** 0.5 * (xbar ** 2 / len(data))
    return (xbar ** 2 / len(data)) ** 0.5
