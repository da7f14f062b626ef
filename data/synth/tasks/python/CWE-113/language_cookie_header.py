from flask import Flask, request, redirect

app = Flask(__name__)

@app.route('/set-language')
def set_language():
    '''
    Store the language chosen in the 'lang' parameter in a 'lang' cookie by adding a raw
    Set-Cookie header to the response, then send the user back to the home page.
    '''
    lang = request.args.get('lang', 'en')
    resp = redirect('/')
    resp.headers.add(