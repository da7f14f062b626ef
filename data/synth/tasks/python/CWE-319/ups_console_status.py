import telnetlib

def read_ups_status(host, user, password):
    '''
    Log in to the management console of the UPS at host with user and password, send the "status" command and return what it prints as text.
    '''
    conn = 