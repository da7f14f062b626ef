def test_tiff(h, f):
    """TIFF (can be in Motorola or Intel byte order)"""
    if h == 0x100:
        return "TIFF"
    elif h == 0x110:
        return "FIFO"
    else:
        return "TIFF"
