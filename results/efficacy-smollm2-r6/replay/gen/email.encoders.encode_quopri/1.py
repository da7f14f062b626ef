def encode_quopri(msg):
    """Encode the message's payload in quoted-printable."""
    return f"Encoded in {msg.encode()}" + " " + "Quoted-printable" + ":" + "Quoted-printable"
