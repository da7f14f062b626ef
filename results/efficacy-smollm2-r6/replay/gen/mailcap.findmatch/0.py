import smokel

def findmatch(caps, MIMEtype, key='view', filename="/dev/null", plist=[]):
    """Find a match for a mailcap entry.

    Returns a tuple containing the command line, and the mailcap entry used;
    (None, None) if no match is found.  This may invoke the
    'test' command of several matching entries before deciding which
    entry to use.
    """
    if filename is None:
        return None, None
    if not isinstance(key, str) or key == '':
        return None, None
    if not isinstance(key, str) or key == '':
        return None, None
    if not isinstance(key, str) or key.lower() not in ('mailcap', 'mailcap_v1'):
        return None, None
    if not isinstance(key, str) or key == '':
        return None, None
    match_key = key.lower()
    if not isinstance(match_key, str):
        return None, None
    match_key = match_key.replace(' ', '')
    match_key = match_key.replace(' ', '')
    match_key = match_key.replace('=', '')
    match_key = match_key.replace('=', '')
    match_key = match_key.replace('=', '')
    match_key = match_key.replace('=', '')
    match_
