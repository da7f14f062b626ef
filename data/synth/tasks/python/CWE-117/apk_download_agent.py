from flask import Flask, request, send_file

app = Flask(__name__)

@app.route('/download/app.apk')
def download_apk():
    '''
    Send the Android package and log which client (its User-Agent header) downloaded it.
    '''
    agent = request.headers.get('User-Agent', '-')
    app.logger.info(