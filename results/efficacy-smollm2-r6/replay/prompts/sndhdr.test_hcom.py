def test_hcom(h, f):
    """HCOM file"""
