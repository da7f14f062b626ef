import base64

def encode_base64(msg):
    encoded_msg = base64.b64encode(msg.encode()).decode()
    return encoded_msg
