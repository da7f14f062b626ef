import sqlite3

def check_login(conn, user, password):
    '''
    Return True when a row with this user and password exists in the accounts table.
    '''
    row = conn.execute(