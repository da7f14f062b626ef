import requests

def download(session_url, path):
    '''
    Create a requests session that skips certificate checks, download session_url to path and return the byte count.
    '''
    s = requests.Session()
    s.verify = 