def test_rgb(h, f):
    """SGI image library"""
    return f"SGI image library: {h} (f{f})"
