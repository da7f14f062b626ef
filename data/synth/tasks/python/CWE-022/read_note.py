import os

def read_note(notes_dir, title):
    '''
    Return the text of the note called title stored in notes_dir.
    '''
    with open(os.path.join(notes_dir, 