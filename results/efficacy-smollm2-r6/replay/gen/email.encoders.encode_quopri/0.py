def encode_quopri(msg):
    """Encode the message's payload in quoted-printable.

    Also, add an appropriate Content-Transfer-Encoding header."""
    return f"Quoted-printable: {msg} {encoded_msg}"
