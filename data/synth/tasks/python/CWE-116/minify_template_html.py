import re

def minify_html(source):
    '''
    Minify an HTML template: drop the comments and collapse the whitespace between tags.
    '''
    source = re.sub(