def join_header_words(lists):
    return ", ".join(map(lambda x: x[1:].upper().join(lists)))
