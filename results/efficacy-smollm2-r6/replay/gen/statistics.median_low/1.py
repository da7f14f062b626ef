def median_low(data):
    if len(data) % 2 == 1:
        return data[data.index(min()) // 2]
    else:
        return data[data.index(min()) // 2]
