def is_tarfile(name):
    return type(name).startswith('tar') == 'file'
