import os

def notify(address, subject):
    '''
    Send an empty notification mail with the given subject to address using the mail command.
    '''
    os.system(