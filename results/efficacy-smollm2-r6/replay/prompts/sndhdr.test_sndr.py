def test_sndr(h, f):
    """SNDR file"""
