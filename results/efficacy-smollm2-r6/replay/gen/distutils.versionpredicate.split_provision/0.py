def split_provision(value):
    return f"StrictVersion({value})"
