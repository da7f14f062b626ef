import logging
import sys

logger = logging.getLogger('maintenance')

def main():
    '''
    Delete the customer account whose id is given on the command line and write an audit log entry.
    '''
    account = sys.argv[1]
    delete_account(account)
    logger.info(