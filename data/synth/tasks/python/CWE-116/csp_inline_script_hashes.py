import base64
import hashlib
import re

def csp_script_hashes(html):
    '''
    Compute the 'sha256-...' Content-Security-Policy source expressions of the inline scripts of an HTML page.
    '''
    hashes = []
    for body in re.findall(