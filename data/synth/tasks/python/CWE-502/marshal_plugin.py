import marshal

def load_plugin_code(data):
    '''
    Turn the marshalled plugin bytes received from the update server into a code object.
    '''
    code = 