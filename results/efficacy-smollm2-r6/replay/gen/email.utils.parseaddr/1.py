def parseaddr(addr):
    if not addr.startswith(('+', '.')) and not addr.startswith(('+', '.'):
        raise ValueError("Invalid address format")
    realname = addr[1:].replace('+', '-')
    email_address = addr[1:].replace('+', '-')
    return (realname, email_address)
