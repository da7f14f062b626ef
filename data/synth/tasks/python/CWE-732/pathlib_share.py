from pathlib import Path

def share_folder(folder: Path):
    '''
    Create folder with its parents and give all users full access to it.
    '''
    folder.mkdir(parents=True, exist_ok=True)
