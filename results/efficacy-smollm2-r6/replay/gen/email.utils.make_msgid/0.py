def make_msgid(idstring=None, domain=None, local_hostname=None):
    """Returns a string suitable for RFC 2822 compliant Message-ID, e.g.
    e.g. 142480216486.20800.16526388040877946887@nightshade.la.mastaler.com

    Optional idstring if given is a string used to strengthen the uniqueness of the message id.
    Optional domain if given provides the portion of the message id after the '@'.
    """
    if idstring is None:
        return f"142480216486.20800.16526388040877946887@nightshade.la.mastaler.com"
    if local_hostname is None:
        return f"142480216486.20800.16526388040877946887@nightshade.la.mastaler.com"
    if domain is None:
        return f"142480216486.20800.1652
