import subprocess

def folder_size(path):
    '''
    Return the output of 'du -sh' for the folder path given by the user.
    '''
    out = subprocess.check_output(