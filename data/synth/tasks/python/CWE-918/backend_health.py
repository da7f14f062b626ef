import http.client
from bottle import route, request

@route('/admin/health')
def check_backend():
    '''
    Report whether the backend given by the 'host' and 'port' query
    parameters answers GET /healthz with status 200.
    '''
    host = request.query.get('host')
    port = int(request.query.get('port', 80))
    