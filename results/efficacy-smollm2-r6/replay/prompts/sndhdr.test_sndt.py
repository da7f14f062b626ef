def test_sndt(h, f):
    """SNDT file"""
