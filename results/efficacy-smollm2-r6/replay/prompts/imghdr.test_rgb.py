def test_rgb(h, f):
    """SGI image library"""
