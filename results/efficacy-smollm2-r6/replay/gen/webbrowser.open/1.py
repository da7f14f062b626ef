def open(url, new=0, autoraise=True):
    if new == 1:
        return f"The {url} is opened in a new browser window."
    elif new == 2:
        return f"The {new} is opened in a new browser window."
    else:
        raise Exception(f"The {new} is opened in a new browser window.")
