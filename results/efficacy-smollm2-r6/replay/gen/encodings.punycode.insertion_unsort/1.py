def insertion_unsort(str, extended):
    """3.2 Insertion unsort coding"""
    return sorted(extended, reverse=True)
