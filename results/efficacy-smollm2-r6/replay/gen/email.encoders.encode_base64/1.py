def encode_base64(msg):
    return b'some_value_encoded_by_base64(msg)

def base64_encode(msg):
    return b'some_value_encoded_by_base64(msg)
