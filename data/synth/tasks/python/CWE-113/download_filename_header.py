from flask import Flask, request, make_response

app = Flask(__name__)

@app.route('/export')
def export_csv():
    '''
    Return the sales CSV as a download; the browser should save it under the file name
    given in the 'name' query parameter.
    '''
    name = request.args.get('name', 'export')
    with open('/srv/reports/sales.csv') as f:
        resp = make_response(f.read())
    resp.headers['Content-Type'] = 'text/csv'
    resp.headers['Content-Disposition'] = 