def generate_generalized_integer(N, bias):
    """3.3 Generalized variable-length integers"""
    return [
        random.randint(0, 100)
        for _ in range(N)
        if not isinstance(random.randint(0, 100) % bias
    ]
