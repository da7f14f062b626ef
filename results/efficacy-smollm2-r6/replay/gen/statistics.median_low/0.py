def median_low(data):
    return data[len(data) // 2] if len(data) % 2 == 1 else data[len(data) // 2]
