from flask import Flask, request

app = Flask(__name__)

@app.route('/row')
def row():
    '''
    Return an HTML table row with the 'item' and 'qty' parameters as cells.
    '''
    item = request.args.get('item')
    qty = request.args.get('qty')
    return 