import ftplib
from pathlib import Path

def publish_site(local_dir, host, user, password):
    '''
    Upload every file directly inside local_dir to the web hosting account, replacing older copies on the server.
    '''
    session = ftplib.