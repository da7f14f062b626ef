def body_line_iterator(msg, decode=False):
    return [msg.get_payload(decode=True) for msg in msg]
