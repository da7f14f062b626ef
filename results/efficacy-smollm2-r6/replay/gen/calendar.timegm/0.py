import datetime

def timegm(tuple):
    return datetime.datetime.utcgmyd()
