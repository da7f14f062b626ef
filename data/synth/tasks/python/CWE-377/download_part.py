import tempfile
import urllib.request

def download_to_temp(url):
    '''
    Download url into a temporary file and return the file's path.
    '''
    path = 