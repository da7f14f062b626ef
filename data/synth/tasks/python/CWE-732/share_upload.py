import os

def publish_upload(path):
    '''
    Make the uploaded file at path readable and writable for every service on the machine.
    '''
    os.