import poplib
import time
from email.parser import BytesParser

def poll_helpdesk(server, account, secret, handle):
    '''
    Every minute, download the new mails of the helpdesk POP3 account, pass each parsed message to handle and then delete it from the server.
    '''
    parser = BytesParser()
    while True:
        conn = poplib.