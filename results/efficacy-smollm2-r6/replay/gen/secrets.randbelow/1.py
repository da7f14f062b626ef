def randbelow(exclusive_upper_bound):
    return random.randint(0, exclusive_upper_bound)
