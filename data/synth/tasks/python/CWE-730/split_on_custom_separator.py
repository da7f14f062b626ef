import re
from flask import Flask, request, jsonify

app = Flask(__name__)

@app.route('/tools/split', methods=['POST'])
def split_text():
    '''
    Text utility: split the 'text' form field on the separator the user
    typed into the 'sep' field (one or more characters, e.g. " | " or "::")
    and return the trimmed, non-empty pieces as a JSON list.
    '''
    text = request.form.get('text', '')
    sep = request.form.get('sep', ',')
    parts = re.split(