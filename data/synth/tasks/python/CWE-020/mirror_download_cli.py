import re
import sys
import urllib.request

def main():
    '''
    Download the package whose URL is the first command-line argument, but only from our mirrors
    mirror.example.org and files.example.org.
    '''
    url = sys.argv[1]
    allowed = re.compile(