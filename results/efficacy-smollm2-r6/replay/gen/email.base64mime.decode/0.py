import base64

def decode_base64(string):
    return base64.b64decode(string)
