import tempfile
import os

def convert_audio(data):
    '''
    Create a temporary .wav file name, write data to it, and return the name for the encoder.
    '''
    name = 