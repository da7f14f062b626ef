import re

def is_allowed_callback(url):
    '''
    Check that a webhook callback URL is an https URL on hooks.example.com or api.example.com.
    '''
    return re.match(