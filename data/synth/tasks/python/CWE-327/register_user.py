import hashlib
import sqlite3

def register(db, username, password):
    '''
    Insert username and the hash of password into the users table of db.
    '''
    pw_hash = hashlib.