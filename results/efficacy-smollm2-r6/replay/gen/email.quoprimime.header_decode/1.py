from smol.mail.header import HEADER_QUOTED_PACKAGE

def header_decode(s):
    return HEADER_QUOTED_PACKAGE(
        "Q",
        s,
        "Q",
    )
