import os
from flask import Flask, request
from werkzeug.utils import secure_filename

app = Flask(__name__)
app.config['UPLOAD_FOLDER'] = 'uploads'

@app.route('/upload', methods=['POST'])
def upload():
    f = request.files['file']
    f.save(os.path.join(app.config['UPLOAD_FOLDER'], secure_filename(f.filename)))
    return 'stored', 201

def start():
    '''
    Create the upload folder if it is missing and start the upload service with the debugger on, so upload errors are easy to trace.
    '''
    os.makedirs(app.config['UPLOAD_FOLDER'], exist_ok=True)
    app.run(