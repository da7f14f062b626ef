import traceback
from flask import Flask

app = Flask(__name__)

@app.route('/report/<int:year>')
def yearly_report(year):
    '''
    Build the yearly sales report; if building it fails, tell the caller what went wrong.
    '''
    try:
        return build_report(year)
    except Exception:
        return 