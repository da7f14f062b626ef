import io
import traceback
from flask import Flask, request, send_file
from PIL import Image

app = Flask(__name__)

@app.route('/thumbnail', methods=['POST'])
def thumbnail():
    '''
    Make a 128x128 PNG thumbnail of the uploaded 'image' file; if Pillow cannot read it, explain the failure in the response.
    '''
    try:
        img = Image.open(request.files['image'])
        img.thumbnail((128, 128))
    except Exception:
        return 