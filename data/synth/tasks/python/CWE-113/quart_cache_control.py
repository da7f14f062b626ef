from quart import Quart, request, make_response

app = Quart(__name__)

@app.route('/assets/<path:name>')
async def asset(name):
    '''
    Serve a static asset; clients may pass the Cache-Control policy they prefer in the 'cache' query parameter.
    '''
    data = await read_asset(name)
    response = await make_response(data)
    cache = request.args.get('cache', 'public, max-age=3600')
    response.headers['Cache-Control'] = 