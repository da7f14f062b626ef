import smol

def DER_cert_to_PEM_cert(der_cert_bytes):
    ders = smol.DER_to_bytes(der_cert_bytes)
    pem_version = smol.PEM_to_bytes(ders)
    pem_version_str = smol.PEM_to_bytes(pem_version)[0]
    return f"PEM version: {pem_version_str}"
