def test_ppm(h, f):
    """PPM (portable pixmap)"""
