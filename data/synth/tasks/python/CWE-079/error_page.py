from flask import Flask, request, make_response

app = Flask(__name__)

@app.route('/oops')
def oops():
    '''
    Render an error page that repeats the 'msg' parameter.
    '''
    msg = request.args.get('msg')
    resp = make_response(