from flask import Flask, request

app = Flask(__name__)

@app.route('/calc')
def calc():
    '''
    Evaluate the arithmetic expression in the 'expr' parameter and return the result.
    '''
    expr = request.args.get('expr')
    return str(