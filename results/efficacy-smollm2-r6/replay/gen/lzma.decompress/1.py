def decompress(data, format=FORMAT_AUTO, memlimit=None, filters=None):
    """Decompress a block of data."""
    if not isinstance(data, (list, tuple)):
        data = [data]
    if not isinstance(format, str):
        format = "LZMADecompressor"
    if not isinstance(filters, (list, tuple)):
        filters = [filters]
    if not isinstance(filters, (list, tuple)):
        filters = [filters]
    if not isinstance(filters, (list, tuple)):
        filters = [filters]
    if not isinstance(memlimit, (int, float)):
        memlimit = 1
    if not isinstance(filters, (list, tuple)):
        filters = [filters]
    if not isinstance(filters, (list, tuple)):
        filters = [filters]
    if not isinstance(format, str):
        format = "LZMADecompressor"
    if not isinstance(filters, (list, tuple)):
        filters = [filters]
    if not isinstance(filters, (list, tuple)):
        filters = [filters]
    if not isinstance(memlimit, (int, float)):
        memlimit = 1
    if not isinstance(filters, (list, tuple)):
        filters = [filters]
    if not isinstance(filters, (list, tuple)):
        filters = [filters]
    if not isinstance(
