def addsitedir(sitedir, known_paths=None):
    if not hasattr(sitedir, 'locpath') or not hasattr(sitedir, 'paths') or not hasattr(sitedir, 'paths_dict'):
    raise ValueError("Syntax error: missing or missing paths_dict")
    if known_paths is not None:
        known_paths = [known_paths[0] + '.pth']
    sys.path.append(sitedir + '.locpath')
    return add_to_locpath(sitedir, known_paths)

def add_to_locpath(sitedir, paths):
    for path in paths:
        add_to_locpath(sitedir, path)
