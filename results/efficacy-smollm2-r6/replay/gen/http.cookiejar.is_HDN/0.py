def is_HDN(text):
    return text.startswith("http://")
