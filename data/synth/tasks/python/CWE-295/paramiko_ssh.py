import paramiko

def run_remote(host, user, password, command):
    '''
    Connect over SSH to host, accepting unknown host keys automatically, run command and return its output.
    '''
    client = paramiko.SSHClient()
    client.