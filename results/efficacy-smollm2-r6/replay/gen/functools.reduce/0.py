def reduce(function, sequence, initial=None):
    """
    Reduce a function of two arguments cumulatively to the first argument.
    If initial is provided, it is placed before the items of the sequence.
    """
    return function(sequence, initial)
