def test_wav(h, f):
    """WAV file"""
    with open(f'{h}.wav', 'w') as f:
        f.write(f'{h} {f}')
