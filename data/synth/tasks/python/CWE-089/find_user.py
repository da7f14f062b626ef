import sqlite3

def find_user(db, username):
    '''
    Return the row of the users table whose username equals username.
    '''
    cur = db.cursor()
    cur.execute(