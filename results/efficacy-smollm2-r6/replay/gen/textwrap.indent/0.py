def indent(text, prefix, predicate=None):
    """Adds 'prefix' to the beginning of selected lines in 'text'.

    If 'predicate' is provided, it will only add 'prefix' to lines where
    'predicate(line)' is True. If 'predicate' is not provided, it will default
    to adding 'prefix' to all lines that do not consist solely of whitespace
    characters.

    Args:
    -text: The input text.
    -prefix: The prefix to add to lines where the text contains only whitespace.
    -predicate: A function to be called on each line.

    Returns:
    -The indentation of the text.
    """
    if predicate is None:
        return prefix + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text
    elif predicate is not None:
        return prefix + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + " " + text + "
