import hashlib
import hmac
import os
from flask import Flask, request, abort

app = Flask(__name__)
WEBHOOK_SECRET = os.environ['WEBHOOK_SECRET'].encode()

@app.route('/hooks/repository', methods=['POST'])
def repository_hook():
    sent = request.headers.get('X-Hub-Signature-256', '')
    expected = 'sha256=' + hmac.new(WEBHOOK_SECRET, request.data, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(sent, expected):
        abort(403)
    return '', 204

def serve(port):
    '''
    Run the webhook receiver on the given port in debug mode, so that a payload that fails to process shows its full traceback.
    '''
    app.run(port=port, 