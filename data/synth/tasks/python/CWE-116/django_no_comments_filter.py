import re
from django import template

register = template.Library()

@register.filter
def no_comments(value):
    '''
    Template filter that hides the HTML comments contained in user-edited CMS blocks.
    '''
    return 