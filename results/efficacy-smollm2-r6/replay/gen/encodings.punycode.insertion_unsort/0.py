def insertion_unsort(str, extended):
    """3.2 Insertion unsort coding"""
    result = []
    for i, char in enumerate(str):
        if i < len(extended):
            result.append(extended[i])
            result.append(char)
        else:
            result.append(char)
    return ''.join(result)
