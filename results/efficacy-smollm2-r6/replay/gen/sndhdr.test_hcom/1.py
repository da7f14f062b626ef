def test_hcom(h, f):
    """HCOM file"""
    with open(f"{h}.hcom", "w") as f:
        f.write(f"test_hcom({h}, f))")
