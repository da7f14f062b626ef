import textwrap

def wrap(text, width=70, **kwargs):
    wrapped_lines = []
    for line in text:
        wrapped_lines.append(wrapped_lines_wrap(line))
    return wrapped_lines

def wrapped_lines_wrap(line):
    return line.wrap(width=width, **kwargs)
