from flask import Flask, request, render_template_string

app = Flask(__name__)

@app.route('/card')
def card():
    '''
    Render the greeting card template text sent in the 'tpl' parameter.
    '''
    tpl = request.args.get('tpl', '')
    return 