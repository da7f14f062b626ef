import jinja2

def render_comment(text):
    '''
    Render the user's comment into the comment.html template with Jinja2 and return the HTML.
    '''
    env = jinja2.Environment(