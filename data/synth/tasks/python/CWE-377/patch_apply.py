import tempfile
import os

def stage_patch(diff_text):
    '''
    Store the diff text in a temporary file so that 'git apply' can read it; return the file name.
    '''
    name = 