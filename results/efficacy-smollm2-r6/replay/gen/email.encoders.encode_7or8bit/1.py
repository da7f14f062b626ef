def encode_7bit_to_8bit(msg):
    """Set the Content-Transfer-Encoding header to 7bit or 8bit"""
    return msg.encode('ascii', encoding='7bit') + ',' + msg.encode('ascii', encoding='8bit')
