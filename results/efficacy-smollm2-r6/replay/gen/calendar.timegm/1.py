def timegm(tuple):
    return (datetime.datetime.fromtimestamp(int(datetime.datetime.fromtimestamp(timegm(tuple))))).timestamp()
