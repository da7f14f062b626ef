import os
from ldap3 import Server, Connection, ALL
from ldap3.utils.conv import escape_filter_chars

def find_user_email(uid):
    '''
    Look up the mail attribute of the person with the given uid in the
    corporate directory (ldaps://ldap.corp.local), binding as the portal's
    service account cn=svc-portal,ou=services,dc=corp,dc=local.
    '''
    server = Server('ldaps://ldap.corp.local', get_info=ALL)
    conn = Connection(