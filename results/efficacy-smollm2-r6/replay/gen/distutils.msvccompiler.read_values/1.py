def read_values(base, key):
    return {
        key: base[key]
        for key, value in base.items()
        for value in base.values()
    }
