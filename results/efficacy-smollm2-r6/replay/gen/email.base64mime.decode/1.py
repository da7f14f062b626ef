def decode(string: str) -> bytes:
    """Decodes a raw base64 string, returning a bytes object."""
    return b'#{0:b}".format(b'ascii', b'0x00', b'b', b'64', b'b', b'64', b'b', b'64', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b'b', b
