def parseaddr(addr):
    try:
        return (realname, email_address)
    except Exception as e:
        return (None, '')
