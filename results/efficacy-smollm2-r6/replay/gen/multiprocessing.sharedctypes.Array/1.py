import numpy as np

def Array(typecode_or_type, size_or_initializer, ctx=None):
    """Return a synchronization wrapper for a raw array"""
    return np.array(
        (
            [[1, 1], 1],
            [1, 1],
            [1, 1]]
    )
