def parse_multipart(fp, pdict, encoding="utf-8", errors="replace", separator="&"):
    """Parse multipart input.

    Args:
    fp   : input file
    pdict: dictionary containing other parameters of content-type header
    encoding, errors: request encoding and error handler, passed to
        FieldStorage

    Returns:
    dict
    """
    fields = None
    parsed_fields = {}

    for field_name, field_value in pdict.items():
        if isinstance(field_value, dict):
            fields = {field_name: []}
            for value in field_value:
                fields[field_name].append(value)
            fields[field_name] = value
        elif isinstance(field_value, list):
            fields[field_name] = [field_value]
        elif isinstance(field_value, str):
            fields[field_name] = [field_value]
        else:
            fields[field_name] = field_value
        parsed_fields[field_name] = fields[field_name]

    if not fields:
        return None
    return {
        "fields": fields
    }
