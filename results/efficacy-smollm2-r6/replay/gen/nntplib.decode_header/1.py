def decode_header(header_str: str) -> str:
    return header_str.decode("utf-8")
