import subprocess

def to_png(filename):
    '''
    Convert the uploaded image file to PNG with ImageMagick's convert tool.
    '''
    subprocess.call(