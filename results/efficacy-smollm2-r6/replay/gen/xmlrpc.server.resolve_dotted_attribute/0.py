def resolve_dotted_attribute(obj, attr, allow_dotted_names=True):
    if not isinstance(obj, (list, tuple, dict)) or not isinstance(attr, (str, str)) or not isinstance(attr, (str, str)) or not callable(attr):
    raise TypeError("The argument 'attr' must be a list of objects or a list of objects with a value of type str.")
    if allow_dotted_names:
        return getattr(obj, attr, None)
    elif not isinstance(attr, (str, str)) or not isinstance(attr, (str, str)):
    raise TypeError("The argument 'attr' must be a string.")
    return obj[attr]
