from flask import Flask, request

app = Flask(__name__)

@app.route('/bio')
def bio():
    '''
    Return an HTML page showing the biography text submitted in the 'bio' query parameter.
    '''
    bio = request.args.get('bio', '')
    html = 