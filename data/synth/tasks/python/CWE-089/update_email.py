import psycopg2

def update_email(conn, user_id, email):
    '''
    Set the email column of the user with user_id to email.
    '''
    with conn.cursor() as cur:
        cur.execute(