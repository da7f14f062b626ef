import subprocess

def lookup(name):
    '''
    Run nslookup for the host name typed by the user and return the text output.
    '''
    result = subprocess.run(