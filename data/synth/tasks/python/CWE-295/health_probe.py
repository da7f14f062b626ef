import ssl
import http.client

def probe(host):
    '''
    Make an HTTPS GET / request to host with certificate verification turned off and return the status code.
    '''
    ctx = ssl.