import sys

def interact(banner=None, readfunc=None, local=None, exitmsg=None):
    if not isinstance(banner, str):
        print(f"Error: {sys.getrefcount(sys.getrefcount(banner))} arguments must be a string.")
    if not isinstance(readfunc, str):
        print(f"Error: {sys.getrefcount(readfunc)} arguments must be a string.")
    if not isinstance(local, str):
        print(f"Error: {sys.getrefcount(local)} arguments must be a string.")
    if not isinstance(exitmsg, str):
        print(f"Error: {sys.getrefcount(exitmsg)} arguments must be a string.")
