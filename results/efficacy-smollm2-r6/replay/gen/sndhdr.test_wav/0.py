def test_wav(h, f):
    """WAV file"""
