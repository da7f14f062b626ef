import ftplib
import os

def upload_backup(host, user, password, path):
    '''
    Upload the backup archive at path into the backups directory of the FTP server at host, logging in with user and password.
    '''
    ftp = ftplib.