import paramiko

def restart_shop_api(host):
    '''
    Log into the application server host over SSH as the "deploy" user and
    restart the shop-api systemd unit. Return the exit status of the
    restart command.
    '''
    client = paramiko.SSHClient()
    client.load_system_host_keys()
    client.connect(