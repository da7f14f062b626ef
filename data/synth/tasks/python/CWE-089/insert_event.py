import sqlite3

def log_event(db, kind, detail):
    '''
    Insert an event row with the given kind and detail into the events table.
    '''
    db.execute(