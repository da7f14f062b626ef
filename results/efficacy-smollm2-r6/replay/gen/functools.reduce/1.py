def reduce(function, sequence, initial=None):
    """reduce(function, iterable[, initial]) -> value

    Apply a function of two arguments cumulatively to the items of a sequence
    or iterable, from left to right, so as to reduce the iterable to a single
    value.  For example, reduce(lambda x, y: x+y, [1, 2, 3, 4, 5]) calculates
    (((1+2)+3)+4).  If initial is present, it is placed before the items of the
    sequence in the calculation, and serves as a default when the sequence is empty.
    """
    if initial is None:
        return initial
    return function(sequence, initial)
