import ldap

def find_user(conn, username):
    '''
    Return the directory entry of the account username below ou=people,dc=example,dc=com, or None.
    '''
    results = conn.search_s(