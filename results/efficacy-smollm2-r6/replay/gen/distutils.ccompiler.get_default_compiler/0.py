import os

def get_default_compiler(osname=None, platform=None):
    if not os.name:
        os.name = os.platform.name
    if platform == "win32":
        return "Python 3.10.0"
    else:
        return "Python 3.10.0"
