def wrap(text, width=70, **kwargs):
    """Wrap a single paragraph of text, returning a list of wrapped lines."""
    return [
        f"{text.format(i=i + 1)} {wrap_wrap(line, width, **kwargs)}",
    ]

def wrap_wrap(text, width=70, **kwargs):
    """Wrap a paragraph of text, returning a list of wrapped lines."""
    return [
        f"{text.format(i=i + 1)} {wrap_wrap(line, width, **kwargs)}",
    ]
