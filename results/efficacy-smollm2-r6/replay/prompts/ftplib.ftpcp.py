def ftpcp(source, sourcename, target, targetname = '', type = 'I'):
    """Copy file from one FTP-instance to another."""
