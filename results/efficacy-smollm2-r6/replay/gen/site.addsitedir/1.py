import os

def addsitedir(sitedir, known_paths=None):
    if hasattr(sitedir, 'path') and not known_paths:
        os.path.exists(sitedir)
        add_to_path(sitedir, known_paths)

def add_to_path(sitedir, known_paths):
    for path_name, path_type in known_paths:
        if path_type == 'sitedir':
            add_to_path(sitedir, path_name)

def add_to_path(sitedir, path_name):
    add_to_path(sitedir, path_name)

def add_to_path(sitedir, path_name):
    add_to_path(sitedir, path_name)
