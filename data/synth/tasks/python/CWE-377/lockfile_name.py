import tempfile

def new_lock_name(prefix):
    '''
    Return a unique temporary path, starting with prefix, to use as a lock file.
    '''
    return 