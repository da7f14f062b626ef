import smol

def quoteaddr(addrstring):
    """
    Quote a subset of the email addresses defined by RFC 821.

    Should be able to handle anything email.utils.parseaddr.
    """
    return smol.parseaddr(addrstring, 2)
