def set_loader(fxn):
    return fxn
