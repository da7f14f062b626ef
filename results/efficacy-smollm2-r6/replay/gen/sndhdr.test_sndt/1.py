def test_sndt(h, f):
    """Syntactically-defined function"""
