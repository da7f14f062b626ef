import httpx

def make_client(base_url):
    '''
    Create an httpx client for base_url that accepts the lab's untrusted certificates.
    '''
    return httpx.Client(base_url=base_url, 