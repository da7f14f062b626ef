def compress(data, format=FORMAT_XZ, check=check, preset=None, filters=None):
    """Compress a block of data.

    Args:
        data: A list of bytes representing the data.
        format: A string representing the format of the data.
        check: A boolean indicating whether to compress the data.
        preset: A boolean indicating whether to compress the data.
        filters: A list of boolean indicating whether to compress the data.

    Returns:
        A list of bytes representing the compressed data.
    """
    return compress_data(data, format, check, preset, filters)

def compress_data(data, format=FORMAT_XZ, check=check, preset=None, filters=None):
    """Compress a block of data.

    Args:
        data: A list of bytes representing the data.
        format: A string representing the format of the data.
        check: A boolean indicating whether to compress the data.
        preset: A boolean indicating whether to compress the data.
        filters: A list of boolean indicating whether to compress the data.

    Returns:
        A list of bytes representing the compressed data.
    """
    return compress_data_stream(data, format, check, preset, filters)

def compress_stream(data, format, check, preset, filters):
    """Compress a stream of data.

    Args
