def test_gif(h, f):
    return f"The test for {h} is [f]."
