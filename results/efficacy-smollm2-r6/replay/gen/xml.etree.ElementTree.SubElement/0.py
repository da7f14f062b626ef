def SubElement(parent, tag, attrib={}, **extra):
    """
    Creates a new element instance with the specified attributes.

    The element tag, attribute names, and attribute values can be either
    bytes or Unicode strings.

    *parent* is the parent element, *tag* is the subelements name, *attrib*
    is an optional directory containing element attributes, *extra* are
    additional attributes given as keyword arguments.

    Args:
        parent: the parent element.
        tag: the subelements name.
        attrib: the subelements attributes.
        **extra**: additional attributes given as keyword arguments.

    Returns:
        Element instance created.

    Raises:
        ValueError: If the element tag is not a string or if the subelements name is not
        a string or if the subelements attributes are not provided.
    """
    if not isinstance(parent, (list, tuple), len=2):
        raise ValueError("Element tag must be a string or a list of strings.")

    if not isinstance(tag, (str, tuple, list)):
        raise ValueError("Element tag must be a string or a list of strings.")

    if not isinstance(attrib, (str, tuple, list)):
        raise ValueError("Element tag must be a string or a list of strings.")

    if not isinstance(extra, (dict, list)):
        raise ValueError("Element tag must be a string or a list of strings.")

    if not
