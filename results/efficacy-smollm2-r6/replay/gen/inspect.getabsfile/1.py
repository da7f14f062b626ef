import os
import smoly

def getabsfile(obj, filename=None):
    if filename is None:
        filename = os.path.abspath(obj)
    if filename is not None:
        obj = smoly.SourceFile(filename)
    return obj.getabsfile()
