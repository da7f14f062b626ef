def prepare_class(name, bases, kwds=None):
    return name, bases, {}, {}
