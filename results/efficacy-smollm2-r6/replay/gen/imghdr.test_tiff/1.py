def test_tiff(h, f):
    """TIFF (can be in Motorola or Intel byte order)"""
    return f"The result of {h} and {f} are {h.to_byte_order() * 256} bytes"
