from flask import Flask, request, Response

app = Flask(__name__)

@app.route('/raw/<int:doc_id>')
def raw_document(doc_id):
    '''
    Serve the stored document body with the MIME type that the client asks for in the 'type' query parameter.
    '''
    body = load_document(doc_id)
    resp = Response(body)
    resp.headers[