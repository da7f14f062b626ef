from bottle import route, request, response, template

@route('/page/<slug>')
def page(slug):
    '''
    Render a page and echo the theme chosen in the 'theme' query parameter in an X-Theme
    response header, so that the CDN caches one copy per theme.
    '''
    theme = request.query.get('theme', 'light')
    response.headers['X-Theme'] = 