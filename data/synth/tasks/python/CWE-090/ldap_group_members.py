from ldap3 import SUBTREE

def group_members(conn, group_name):
    '''
    Return the member DNs of the groupOfNames entry whose cn is group_name under ou=groups,dc=corp,dc=local.
    '''
    search_filter = 