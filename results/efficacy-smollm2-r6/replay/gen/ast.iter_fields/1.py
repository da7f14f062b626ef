def iter_fields(node):
    """Yield a tuple of ``(fieldname, value)`` for each field in ``node._fields`` that is present on node.
    """
    yield (node._fields[fieldname][fieldvalue], node._fields[fieldvalue])
