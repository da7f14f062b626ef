import ldap

GROUPS_BASE = 'ou=groups,dc=example,dc=com'

def is_member(conn, uid, group):
    '''
    Return True if the user uid is listed as a memberUid of the posixGroup named group.
    Give the directory server at most 5 seconds to answer.
    '''
    found = conn.search_st(