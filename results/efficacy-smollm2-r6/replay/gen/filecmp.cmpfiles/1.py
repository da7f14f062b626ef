import os

def cmpfiles(a, b, common, shallow=True):
    if not (not isinstance(a, (list, tuple), None, None)) and not (not isinstance(b, (list, tuple), None, None)):
        return None, None, None
