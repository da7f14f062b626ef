import requests

def fetch_status(url):
    '''
    Fetch the JSON status document at url from the internal server, which uses a self-signed certificate, and return it.
    '''
    r = requests.get(url, 