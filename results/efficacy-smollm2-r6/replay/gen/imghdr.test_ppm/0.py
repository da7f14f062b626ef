def test_ppm(h, f):
    """Test the PPM (Portable Pixmap) function"""
