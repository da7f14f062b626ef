from werkzeug.wrappers import Request, Response
from werkzeug.utils import redirect

@Request.application
def application(request):
    '''
    Tiny WSGI admin console: on POST /login with a valid one-time code
    (checked by verify_otp, which returns a login token or None) respond
    with a redirect to /console and a 'login_token' cookie that expires
    after 15 minutes. Everything else gets 403.
    '''
    if request.path == '/login' and request.method == 'POST':
        token = verify_otp(request.form.get('code', ''))
        if token:
            resp = redirect('/console')
            resp.set_cookie(