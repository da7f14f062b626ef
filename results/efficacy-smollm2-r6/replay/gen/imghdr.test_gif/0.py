def test_gif(h, f):
    return f"GIF '{h}' with {f}' variant"
