import logging
from bottle import get, request

access_log = logging.getLogger('access')

@get('/articles')
def articles():
    '''
    List the articles; log the page number and sort order requested in the query string.
    '''
    page = request.query.page or '1'
    order = request.query.order or 'newest'
    access_log.info(