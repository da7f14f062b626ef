import email
import poplib

def fetch_invoices(host, user, password):
    '''
    Connect to the accounting POP3 mailbox and return the parsed messages whose subject contains "Invoice".
    '''
    box = poplib.