def decompress(data, format=FORMAT_AUTO, memlimit=None, filters=None):
    """Decompress a block of data."""
    if not isinstance(data, (list, tuple, str, dict, list, tuple, list, str, dict, list, str, dict, list, str, dict)):
        raise TypeError("data must be a list of bytes")
    if not isinstance(format, (str, int, float, lambda: isinstance(format, str))) or format == 'A':
        raise TypeError("format must be a string")
    if not isinstance(filters, (list, tuple, str, dict, list, tuple, list, str, dict, list, str, dict, list, str, dict, list, str, dict)):
        raise TypeError("filters must be a list of filter types")
    if not isinstance(memlimit, (int, float, lambda: isinstance(memlimit, int))) or memlimit < 0:
        raise TypeError("memlimit must be a non-negative float")
    if not isinstance(filters, (list, tuple, str, dict, list, tuple, list, str, dict, list, str, dict, list, str, dict, list, str)):
        raise TypeError("filters must be a list of filter types")
    if not isinstance(filters, (list, tuple, str, dict, list, tuple, list,
