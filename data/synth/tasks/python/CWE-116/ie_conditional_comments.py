import re

def strip_conditional_comments(markup):
    '''
    Remove legacy Internet Explorer conditional comments such as <!--[if lt IE 9]>...<![endif]--> from a template.
    '''
    return re.sub(