import importlib

def handler_for(name):
    '''
    Import the handler module whose name comes from the request and return its handle function.
    '''
    module = 