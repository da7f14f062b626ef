def select_len(str, max):
    return max - len(str)
