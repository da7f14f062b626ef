import sqlite3

def products_between(db, low, high):
    '''
    Return the products whose price lies between the two values typed into the shop's search form.
    '''
    rows = db.execute(