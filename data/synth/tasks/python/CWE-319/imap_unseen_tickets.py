import email
import imaplib

def unseen_ticket_subjects(host, user, password):
    '''
    Return the subjects of the unseen messages in the INBOX of the support mailbox on the IMAP server host.
    '''
    imap = imaplib.