from flask import Flask, request

app = Flask(__name__)

@app.route('/hello')
def hello():
    '''
    Greet the visitor by the name given in the 'name' parameter.
    '''
    name = request.args.get('name', 'stranger')
    return 