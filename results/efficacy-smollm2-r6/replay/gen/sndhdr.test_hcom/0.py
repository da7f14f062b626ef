def test_hcom(h, f):
    """Test HCOM file"""
