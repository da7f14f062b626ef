def findmatch(caps, MIMEtype, key='view', filename="/dev/null", plist=[]):
    """Find a match for a mailcap entry.

    Returns a tuple containing the command line, and the mailcap entry used.
    If no match is found, returns None.

    Args:
        caps (str): The command line.
        MIMEtype (str): The MIME type.
        key (str): The key to use.
        filename (str): The filename.
        plist (list): A list of the mailcap entries used.

    Raises:
        ValueError: If the input is not a string or the input is not a list of strings.

    Returns:
        tuple: A tuple containing the command line, and the mailcap entry used.
    """
    if not isinstance(caps, str) or not isinstance(key, str) or not isinstance(key, str) or not isinstance(key, (list, tuple)):
        raise ValueError("Input must be a string or a list of strings.")
    if not isinstance(filename, str) or not isinstance(plist, (list, tuple)):
        raise ValueError("Input must be a string or a list of strings.")
    if not isinstance(key, str) or not isinstance(key, (list, tuple)):
        raise ValueError("Input must be a string or a list of strings.")
    if not isinstance(key, (list, tuple
