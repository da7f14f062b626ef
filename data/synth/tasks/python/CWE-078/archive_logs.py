import os

def archive(name):
    '''
    Create name.tar.gz from the logs folder with the tar command.
    '''
    os.system(