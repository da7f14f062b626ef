def readmailcapfile(fp):
    """Read a mailcap file and return a dictionary keyed by MIME type."""
    return {
        'application/mime-pap': 'application/mime-pap',
        'application/mime-pap+rfc2630': 'application/mime-pap+rfc2630',
        'application/mime-pap+rfc2630+deflate': 'application/mime-pap+rfc2630+deflate+rfc2630+deflate',
        'image/png': 'image/png',
        'image/png+b'c',
        'image/png+b'c+b'c',
        'image/png+b'c+b'c',
        'image/png+b'c+b'c',
        'image/png+b'c+b'c',
        'image/png+b'c+b'c',
        'image/png+b'c+b'c',
        'image/png+b'c+b'c',
        'image/png+b'c+b'c',
        'image/png+b'c+b'c',
        'image/png+b'c+b'c',
        'image/png+
