import getpass
import os
import sys

FLAG_FILE = '/var/run/shop/maintenance'

def unlock_maintenance_mode():
    '''
    Command-line switch for the on-call engineer: ask for the maintenance
    password and, only if it is correct, remove the maintenance flag file
    so the shop starts taking orders again.
    '''
    pwd = getpass.getpass('Maintenance password: ')
    if pwd != 