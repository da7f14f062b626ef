import os

def save_attachment(folder, filename, data):
    '''
    Save the e-mail attachment bytes under its original filename in folder.
    '''
    with open(