import json
import traceback
from flask import Flask, request, jsonify

app = Flask(__name__)

@app.route('/import', methods=['POST'])
def import_records():
    '''
    Import the uploaded JSON file of records; reply with JSON describing the result or the error.
    '''
    try:
        records = json.load(request.files['file'])
        count = save_records(records)
        return jsonify(ok=True, imported=count)
    except Exception as exc:
        return jsonify(ok=False, error=