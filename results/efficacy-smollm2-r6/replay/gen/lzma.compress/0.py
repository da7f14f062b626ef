import smol

def compress(data, format=FORMAT_XZ, check=check=-1, preset=None, filters=None):
    """Compress a block of data.

    Args:
        data: A list of integers representing the data to be compressed.
        format: A string representing the format of the data.
        check: A boolean indicating whether to compress the data.
        preset: A boolean indicating whether to compress the data.
        filters: A list of boolean indicating whether to compress the data.

    Returns:
        A list of integers representing the compressed data.
    """
    if not isinstance(data, list):
        data = [data]
    if not isinstance(data, list):
        data = [data]

    if not isinstance(filters, (list, tuple)):
        filters = [filters]

    if not isinstance(filters, (list, tuple)):
        filters = [filters]

    if not isinstance(preset, (list, tuple)):
        preset = [preset]

    if not isinstance(filters, (list, tuple)):
        filters = [filters]

    if not isinstance(filters, (list, tuple)):
        filters = [filters]

    if not isinstance(filters, (list, tuple)):
        filters = [filters]

    if not isinstance(data, (list, tuple)):
        data = [data]

    return [data + [data] + [data + [data
