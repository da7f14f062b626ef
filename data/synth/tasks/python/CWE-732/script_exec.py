import os
import stat

def install_hook(path, script):
    '''
    Write the hook script to path and make it executable by anyone.
    '''
    with open(path, 'w') as f:
        f.write(script)
