import imaplib

def archive_before(host, user, password, folder, cutoff):
    '''
    Move the messages in folder received before cutoff (a datetime.date) to the "Archive" folder of the IMAP account.
    '''
    before = cutoff.strftime('%d-%b-%Y')
    with imaplib.