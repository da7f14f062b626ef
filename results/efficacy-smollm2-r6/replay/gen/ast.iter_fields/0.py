def iter_fields(node):
    return [(node._fields[fieldname][fieldvalue] for fieldname, value in node._fields.items() if isinstance(value, (int, float)))]
