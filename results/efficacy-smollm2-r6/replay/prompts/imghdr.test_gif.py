def test_gif(h, f):
    """GIF ('87 and '89 variants)"""
