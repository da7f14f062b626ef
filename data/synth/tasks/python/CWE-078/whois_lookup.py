import os

def whois(domain):
    '''
    Return the whois record of domain by running the whois program.
    '''
    return os.popen(