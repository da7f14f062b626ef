def test_ppm(h, f):
    """Test the PPM (portable pixmap)"""
    return f"Test PPM (h, f)"
