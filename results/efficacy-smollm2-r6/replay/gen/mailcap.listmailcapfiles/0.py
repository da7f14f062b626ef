import os

def listmailcapfiles(path):
    """Return a list of all mailcap files found on the system."""
    return [file for file in os.listdir(path) if os.path.isfile(os.path.join(path, file)) and os.path.isdir(file)]

# Example usage:
listmailcapfiles('path/to/your/listoffiles.txt')
