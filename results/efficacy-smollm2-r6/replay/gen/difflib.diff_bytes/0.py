def diff_bytes(dfunc, a, b, fromfile=b'', tofile=b'',
               fromfiledate=b', tofiledate=b', n=3, lineterm=b'\n'):
    """
    Compare two sequences of bytes.
    """
    def context_diff(d):
        return bytes(d)
    def unified_diff(d):
        return d
    def context_diff(d):
        return bytes(d)

    def diff_bytes(dfunc, a, b, fromfile=b', tofile=b', fromfiledate=b', tofiledate=b',
               n=3, lineterm=b'\n'):
        return diff_bytes(context_diff(dfunc), a, b, fromfile, tofile,
               fromfiledate, tofiledate, n, lineterm, n, lineterm)

    def diff_bytes_lint(d):
        return diff_bytes(context_diff(d))

    def diff_bytes_b(d):
        return diff_bytes(d)

def diff_bytes_lint(d):
    """
    Compare two sequences of bytes.
    """
    def diff_bytes_lint(d):
        return diff_bytes(context_diff(d))

    def diff_bytes_b(d):
        return diff
