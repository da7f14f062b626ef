import smol

def header_decode(s):
    return smol.header_decode(s)
