def test():
    """Test program for telnetlib.

    Usage: python test.py -d -p 23

The default host is localhost; the default port is 23.
"""
