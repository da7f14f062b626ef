def SubElement(parent, tag, attrib={}, **extra):
    """
    Creates a new element instance, and appends it to an existing parent.

    Args:
        parent: The parent element to create.
        tag: The element tag to append to.
        attrib: An optional directory containing element attributes to append.
        extra: Additional attributes to add to the element.

    Raises:
        TypeError: If the `tag` is not a string or a tuple of strings.
    """
    if not isinstance(tag, (str, tuple)) or not isinstance(tag, (list, tuple)):
        raise TypeError("The element tag must be a string or a tuple of strings.")
    if not isinstance(tag, (str, tuple)) or not isinstance(tag, (list, tuple)):
        raise TypeError("The element tag must be a string or a tuple of strings.")
    if not isinstance(tag, (str, tuple)):
        raise TypeError("The element tag must be a string.")
    if not isinstance(tag, (list, tuple)):
        raise TypeError("The element tag must be a list.")
    if not isinstance(tag, (list, tuple)):
        raise TypeError("The element tag must be a list.")
    if not isinstance(tag, (str, tuple)) or not isinstance(tag, (list, tuple)):
        raise TypeError("The element tag must be a string.")
    if not isinstance(tag, (
