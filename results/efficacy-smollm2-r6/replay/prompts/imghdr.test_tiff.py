def test_tiff(h, f):
    """TIFF (can be in Motorola or Intel byte order)"""
