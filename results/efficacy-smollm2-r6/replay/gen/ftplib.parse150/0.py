def parse150(resp):
    return len(resp) + 150
