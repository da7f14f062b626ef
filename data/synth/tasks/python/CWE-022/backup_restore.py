import shutil
import os

def restore(backup_name, target):
    '''
    Copy the backup file backup_name from /var/backups into target.
    '''
    shutil.copy(