def diff_bytes(dfunc, a, b, fromfile=b'', tofile=b'',
               fromfiledate=b', tofiledate=b', n=3, lineterm=b'\n'):
    """
    Compare two sequences of bytes, one for each column of the input data.
    """
    if isinstance(a, (int, float)):
        a = a.decode(b'utf-8')
    if isinstance(b, (int, float)):
        b = b.decode(b'utf-8')
    if isinstance(a, (list, tuple)):
        a = a.to_bytes(b'utf-8', 'utf-8')
    if isinstance(b, (list, tuple)):
        b = b.to_bytes(b'utf-8', 'utf-8')
    if isinstance(a, (list, tuple)):
        a = a.to_bytes(a.length, 'utf-8')
    if isinstance(b, (list, tuple)):
        b = b.to_bytes(b'utf-8', 'utf-8')
    if isinstance(a, (list, tuple)):
        a = a.to_bytes(a.length, 'utf-8')
    if isinstance(b, (list, tuple)):
        b = b.to_bytes(b'utf-8', '
