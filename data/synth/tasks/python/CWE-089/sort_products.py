import sqlite3

def list_products(db, order_by):
    '''
    List all products sorted by the column name the user picked in order_by.
    '''
    return db.execute(