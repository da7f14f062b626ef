import mysql.connector

def delete_order(conn, order_id):
    '''
    Delete the order with the given id from the orders table.
    '''
    cursor = conn.cursor()
    cursor.execute(