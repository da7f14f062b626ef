def skip_spam_check(sender):
    '''
    Mail from our own domain example.org skips the spam filter.
    Return True when the From address sender belongs to that domain.
    '''
    return sender.strip().lower().endswith(