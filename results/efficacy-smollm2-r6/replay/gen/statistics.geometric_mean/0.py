def geometric_mean(data):
    if not isinstance(data, (list, tuple)) or len(data) == 0:
        raise ValueError("Input dataset must be a list of floats.")
    return round(math.flg(data[0]))
