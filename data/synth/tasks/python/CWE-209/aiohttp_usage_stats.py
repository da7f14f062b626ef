import traceback
from aiohttp import web

routes = web.RouteTableDef()

@routes.get('/stats')
async def stats(request):
    '''
    Return usage statistics as JSON; if collecting them raises, answer 500 with the problem as plain text.
    '''
    try:
        data = await collect_stats(request.app['db'])
        return web.json_response(data)
    except Exception:
        return web.Response(