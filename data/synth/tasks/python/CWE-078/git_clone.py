import os

def clone_repo(url, dest):
    '''
    Clone the git repository at url into the folder dest using the git command line.
    '''
    os.system(