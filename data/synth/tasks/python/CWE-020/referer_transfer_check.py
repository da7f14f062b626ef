from flask import Flask, request, abort

app = Flask(__name__)

@app.route('/transfer', methods=['POST'])
def transfer():
    '''
    Refuse the money transfer with 403 unless the Referer header shows that the form was posted
    from our site https://bank.example.com.
    '''
    referer = request.headers.get('Referer', '')
    if not referer.startswith(