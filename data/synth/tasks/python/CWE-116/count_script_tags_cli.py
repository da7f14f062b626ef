import re
import sys

def main():
    '''
    Print how many <script> tags each HTML file named on the command line contains.
    '''
    for path in sys.argv[1:]:
        with open(path, encoding='utf-8') as f:
            html = f.read()
        count = len(re.findall(