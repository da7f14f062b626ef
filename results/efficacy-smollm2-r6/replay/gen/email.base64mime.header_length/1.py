def header_length(bytearray):
    return len(bytearray)
