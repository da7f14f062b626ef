from jinja2 import Environment, FileSystemLoader

def email_body(user):
    '''
    Render templates/welcome.html for the user with Jinja2.
    '''
    env = Environment(