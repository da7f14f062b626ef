def encode_7or8bit(msg):
    """Set the Content-Transfer-Encoding header to 7bit or 8bit"""
    return msg.encode()
