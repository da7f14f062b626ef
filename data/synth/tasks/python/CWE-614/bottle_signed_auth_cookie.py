import hashlib
import hmac
import time
from bottle import Bottle, request, response, redirect

app = Bottle()
COOKIE_KEY = load_signing_key()

@app.post('/signin')
def signin():
    '''
    Verify the posted username and password with check_password(); if they
    match, set an 'auth' cookie holding "<username>:<expiry>:<hmac>" signed
    with COOKIE_KEY and valid for 12 hours, then redirect to the home page.
    '''
    name = request.forms.get('username')
    if not check_password(name, request.forms.get('password')):
        return redirect('/signin?error=1')
    expiry = int(time.time()) + 12 * 3600
    payload = f'{name}:{expiry}'
    sig = hmac.new(COOKIE_KEY, payload.encode(), hashlib.sha256).hexdigest()
    response.set_cookie(