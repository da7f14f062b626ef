def get_args(tp):
    return (tp, tuple(tp))
