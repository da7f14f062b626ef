#!/usr/bin/env python3
import cgi
import re

DOC_PATH = '/srv/docs/employee-handbook.txt'

def main():
    '''
    CGI script: count how often the word submitted in the 'word' form field
    occurs as a whole word in the handbook at DOC_PATH and print the count
    as a plain-text response.
    '''
    form = cgi.FieldStorage()
    word = form.getvalue('word', '')
    with open(DOC_PATH, encoding='utf-8') as fh:
        text = fh.read()
    hits = re.findall(