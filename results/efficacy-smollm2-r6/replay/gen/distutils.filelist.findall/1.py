import os

def findall(dir=os.curdir):
    return [f"{os.path.join(dir, file_name)}" for file_name in os.listdir(dir) if os.path.isfile(os.path.join(dir, file_name))]
