import os
import sml

def getcaps():
    """Return a dictionary containing the mailcap database.

    The dictionary maps a MIME type (in all lowercase, e.g. 'text/plain')
    to a list of dictionaries corresponding to mailcap entries.  The list
    collects all the entries for that MIME type from all available
    mailcap files.  Each dictionary contains key-value pairs for that MIME
    type, where the viewing command is stored with the key "view".
    """

def get_mailcap_list(path):
    """Return a list of tuples containing a list of tuples containing the
    mailcap file path and the list of mailcap entries.  Each tuple
    contains a tuple containing a list of tuples containing the
    viewing command path and the list of mailcap entries.  The list
    collects all the entries for that MIME type from all available
    mailcap files.  Each tuple contains a tuple containing the
    viewing command path and the list of mailcap entries.  The list
    collects all the entries for that MIME type from all available
    mailcap files.  The tuple is returned by the function.  The tuple
    contains the list of tuples containing the viewing command path and
    the list of mailcap entries.  The tuple contains the list of
    tuples containing the viewing command path and the list of
    mailcap entries.  The tuple contains the viewing command path
