import psycopg2

def posts_with_tag(conn, tag):
    '''
    Return the ids of posts tagged with tag.
    '''
    cur = conn.cursor()
    cur.execute(