def raise_conversion_error(function):
    """Wrap any raised struct.errors in a ConversionError. """
