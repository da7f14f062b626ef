def gzip_encode(data):
    """gzip encoded data

    Encode data using the gzip content encoding as described in RFC 1952
    """
    return b"%s" % (b"ascii", data)
