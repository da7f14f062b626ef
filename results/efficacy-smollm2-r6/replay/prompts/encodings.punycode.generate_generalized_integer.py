def generate_generalized_integer(N, bias):
    """3.3 Generalized variable-length integers"""
