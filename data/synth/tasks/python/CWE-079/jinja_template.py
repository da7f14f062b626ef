from jinja2 import Template

def banner(title):
    '''
    Build the page banner HTML for title from a small inline Jinja2 template.
    '''
    t = Template(