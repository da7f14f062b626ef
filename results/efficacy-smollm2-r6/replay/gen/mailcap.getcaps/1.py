def getcaps():
    """Return a dictionary containing the mailcap database.

    Returns a dictionary containing the mailcap database.
    """
    mailcap_list = []
    for file in os.listdir("*.mailcap"):
        with open(file, "r") as f:
            for line in f:
                if line.lower() == "text/plain":
                    mailcap_list.append({
                        "view": file.lower() + "viewed"
                    })
    return mailcap_list
