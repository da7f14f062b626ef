import os

def load_template(name):
    '''
    Load the e-mail template with the given name from the templates directory and return it.
    '''
    path = 