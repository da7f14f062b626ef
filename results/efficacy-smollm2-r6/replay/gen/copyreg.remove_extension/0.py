import os

def remove_extension(module, name, code):
    if os.path.exists(name):
        os.remove(name)
    else:
        os.remove(os.path.join(os.path.dirname(module), name))
