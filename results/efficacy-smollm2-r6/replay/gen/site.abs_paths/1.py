import os

def abs_paths():
    abs_path = os.path.abspath(__file__, 'abs_paths')
    os.path.absolute().add_filter(lambda x: x.replace('\\', '/').replace('\\', '/'))
    return abs_path
