import jwt
from aiohttp import web

routes = web.RouteTableDef()

@routes.post('/api/login')
async def api_login(request):
    '''
    JSON login endpoint: check {"user", "password"} against the database and
    answer {"user": <display name>}, putting a JWT signed with the app's
    secret into the 'jwt' cookie for the browser to send on later requests.
    '''
    body = await request.json()
    account = await request.app['db'].verify(body['user'], body['password'])
    if account is None:
        raise web.HTTPUnauthorized()
    token = jwt.encode({'sub': str(account.id)}, request.app['jwt_secret'], algorithm='HS256')
    resp = web.json_response({'user': account.name})
    resp.set_cookie(