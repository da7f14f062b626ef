import os

def getuserbase():
    global USER_BASE
    os.environ['USER_BASE'] = os.path.expanduser(USER_BASE)
    return os.path.join(USER_BASE, 'userbase.txt')
