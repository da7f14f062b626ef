def read_values(base, key):
    return {key: base[key] for key in base if key.lower() == key}
