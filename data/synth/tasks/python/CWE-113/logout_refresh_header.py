from flask import Flask, request, make_response

app = Flask(__name__)

@app.route('/logout')
def logout():
    '''
    Show a goodbye page that sends the browser on to the 'next' URL after three seconds using a Refresh header.
    '''
    target = request.args.get('next', '/')
    resp = make_response('You have been logged out.')
    resp.headers['Refresh'] = 