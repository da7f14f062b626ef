import tempfile
import os

def thumbnail_path(image_bytes):
    '''
    Save the uploaded image bytes under a fresh temporary file name and return that name.
    '''
    name = 