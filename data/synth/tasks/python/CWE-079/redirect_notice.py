from flask import Flask, request

app = Flask(__name__)

@app.route('/leaving')
def leaving():
    '''
    Show a page telling the user they are leaving for the URL in the 'to' parameter.
    '''
    to = request.args.get('to')
    return 