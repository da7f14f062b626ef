def get_suffixes():
    return "s" + "s"
