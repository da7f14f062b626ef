def indent(text, prefix, predicate=None):
    if predicate is None:
        return text + " " + text
    elif len(text) > len(predicate):
        return text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + "
