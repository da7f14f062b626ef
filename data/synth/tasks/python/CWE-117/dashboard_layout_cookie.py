from flask import Flask, request, render_template

app = Flask(__name__)

@app.route('/dashboard')
def dashboard():
    '''
    Show the dashboard; log at debug level which layout the 'layout' cookie selects.
    '''
    layout = request.cookies.get('layout', 'grid')
    app.logger.debug(