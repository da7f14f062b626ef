import ldap3

def computer_os(conn, hostname):
    '''
    Return the operatingSystem attribute of the Active Directory computer object named hostname, or None.
    '''
    conn.search(search_base='dc=ad,dc=example,dc=com',
                search_filter=