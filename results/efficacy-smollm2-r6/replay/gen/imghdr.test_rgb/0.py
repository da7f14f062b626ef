def test_rgb(h, f):
    """SGI image library"""
    return f"SGI_IMAGE_BLUE({h}x{f}g{h}x{f}g{h}x{f}g{h}x{f}g{h}x{f}g{h}x{f}g{h}x{f}g{h}x{f}g{h}x{f}g{h}x{f}g{h}x{f}g{h}x{f}g{h}x{f}g{h}x{f}g{h}x{f}g{h}x{f}g{h}x{f}g{h}x{f}g{h}x{f}g{h}x{f}g{h}x{f}g{h}x{f}g{h}x{f}g{h}x{f}g{h}x{f}g{h}x{f}g{h}x{f}g{h}x{f}g{h}x{f}g{h}x{f}g{h}x{f}g{h}x{f}g{h}x{f}g{h}x{f
