from quart import Quart, jsonify, request

app = Quart(__name__)

@app.post('/auth/refresh')
async def refresh():
    '''
    Rotate the refresh token: validate the 'refresh_token' cookie with
    rotate_refresh_token(), which returns a pair with a new access token
    and a new refresh token (or None); return the access token as JSON and
    store the new refresh token in the same cookie, scoped to /auth.
    '''
    old = request.cookies.get('refresh_token')
    pair = await rotate_refresh_token(old)
    if pair is None:
        return jsonify(error='invalid refresh token'), 401
    resp = jsonify(access_token=pair.access)
    resp.set_cookie(