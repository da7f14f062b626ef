def quoteaddr(addrstring):
    """Quote a subset of the email addresses defined by RFC 821."""
    return {
        "address": {
            "email": addrstring
        }
    }
