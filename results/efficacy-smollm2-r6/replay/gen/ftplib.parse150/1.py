def parse150(resp):
    return len(resp.text) + 150 * len(resp.text) + 150
