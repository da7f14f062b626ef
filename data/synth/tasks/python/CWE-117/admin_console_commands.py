import logging

log = logging.getLogger(__name__)

def console():
    '''
    Read admin commands from the terminal until 'quit', logging each command before running it.
    '''
    while True:
        command = input('admin> ')
        if command == 'quit':
            break
        log.info(