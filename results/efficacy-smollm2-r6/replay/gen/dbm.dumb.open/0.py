import os

def open(file, flag='c', mode=0o666):
    """Open the database file, filename, and return the corresponding object.

    The flag argument, used to control how the database is opened in the
    other DBM implementations, supports only the semantics of 'c' and
    'n' values.  Other values will default to the semantics of 'c' value:
    the database will always opened for update and will be created if it
    does not exist.

    The optional mode argument is the UNIX mode of the file, used only when
    the database has to be created.  It defaults to octal code 0o666.

    If the database has to be created, the mode is set to octal code 0o666.
    """
    if flag == 'c':
        return open_c(file, mode, mode)
    elif flag == 'n':
        return open_n(file, mode, mode)
    else:
        raise ValueError("Invalid mode argument: mode must be either 'c' or 'n'.")

def open_c(file, mode):
    """Open a database file with the given mode.

    The mode argument is the UNIX mode of the file, used only when the
    database has to be created.  The mode is set to octal code 0o666.

    If the mode is not
