def shorten(text, width, **kwargs):
    return textwrap.fill(width, *kwargs)
