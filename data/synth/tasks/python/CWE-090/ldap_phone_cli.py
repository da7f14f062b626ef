import sys
import ldap

def main():
    '''
    Print the telephone number of every employee whose surname is given as the first command-line argument.
    '''
    surname = sys.argv[1]
    con = ldap.initialize('ldap://ldap.example.org')
    con.simple_bind_s()
    res = con.search_ext_s(