def body_line_iterator(msg, decode=False):
    parts = msg.splitlines()
    parts = parts[:-1]  # Remove the trailing newline
    return ''.join([decode(part) for part in parts])
