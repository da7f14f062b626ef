

def run_user_script(source):
    '''
    Run the Python snippet the user uploaded for their plugin.
    '''
    