def pprint(obj, stream=None, indent=1, width=80, depth=None, sort_dicts=True, underscore_numbers=False):
    if not isinstance(obj, (list, tuple, dict)):
        return obj.__dict__
    if not isinstance(stream, (list, tuple, dict)):
        stream = stream.to_bytes(b'\x00', encoding='utf-8')
    if not isinstance(indent, (int, str, str, bool, int, bool, int, str, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool,
