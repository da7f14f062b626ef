def selective_len(str, max):
    return max(max(len(c)) for c in str if c <= max(max(len(c)))) and c not in str)
