def rfc822_escape(header):
    return header.replace(" ", "\\x20")
