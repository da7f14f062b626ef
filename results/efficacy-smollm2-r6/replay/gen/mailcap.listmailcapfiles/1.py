def listmailcapfiles(file_path):
    """Return a list of all mailcap files found on the system."""
    with open(file_path, "r") as file:
        return [file.read().decode("utf-8") for file in file.readlines()]
