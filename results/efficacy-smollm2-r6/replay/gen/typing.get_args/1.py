def get_args(tp):
    return tuple(type(tp).__name__ + str(tup) for tup in (tp,) + (tp,)
