def fill(text, width=70, **kwargs):
    return f"<{width}x{width} <{width}x{width} <{width}x{width}x{width}x{width}x{width}x{width}x{width}x{width}x{width}x{width}x{width}x{width}x{width}x{width}x{width}x{width}"
