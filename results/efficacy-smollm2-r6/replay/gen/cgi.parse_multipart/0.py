def parse_multipart(fp, pdict, encoding="utf-8", errors="replace", separator="&"):
    """Parse multipart input.

    Args:
    fp: input file
    pdict: dictionary containing other parameters of content-type header
    encoding, errors: request encoding and error handler, passed to
        FieldStorage

    Returns:
    A dictionary with keys being the field names, each value being a list of
    strings.
    """
    parsed_dict = {}
    for field_name, field_values in pdict.items():
        if isinstance(field_values, (list, tuple)):
            field_values = [field_values[field_name] for field_name in field_values]
        elif isinstance(field_values, (list, tuple)):
            field_values = [field_values[field_name] for field_name in field_values]
        elif isinstance(field_values, (list, tuple)):
            field_values = [field_values[field_name] for field_name in field_values]
        elif isinstance(field_values, (list, tuple)):
            field_values = [field_values[field_name] for field_name in field_values]
        elif isinstance(field_values, (list, tuple)):
            field_values = [field_values[field_name] for field_name in field_values]
        elif isinstance
