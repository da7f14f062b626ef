import os

def get_default_verify_paths():
    return os.path.getenv("CABEHR_PATH")
