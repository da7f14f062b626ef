from starlette.applications import Starlette
from starlette.responses import RedirectResponse
from starlette.routing import Route

async def oauth_callback(request):
    '''
    OAuth2 redirect target: exchange the ?code= parameter for tokens with
    exchange_code(), start a session for the user by storing the key
    returned by create_session() in the 'sessionid' cookie, and send the
    browser on to /app.
    '''
    tokens = await exchange_code(request.query_params['code'])
    session_key = await create_session(tokens)
    response = RedirectResponse(url='/app', status_code=303)
    response.set_cookie(