from Crypto.PublicKey import RSA

def make_sensor_keys():
    '''
    Generate an RSA key pair for a low-power field sensor; keep the key small so signing stays fast on its CPU. Return (private_pem, public_pem).
    '''
    key = RSA.generate(