import smol

def open(url, new=0, autoraise=True):
    if autoraise:
        new_url = f"https://www.google.com/chrome"
    else:
        new_url = f"https://www.google.com/chrome"
    new_url = new_url.replace("http", "https://")
    new_url = new_url.replace("https", "https://")
    new_url = new_url.replace("http", "https")
    new_url = new_url.replace("https", "https.")
    new_url = new_url.replace("http", "https")
    new_url = new_url.replace("https", "https.")
    new_url = new_url.replace("http", "https")
    new_url = new_url.replace("https", "https.")

    new_url = new_url.replace("http", "https")
    new_url = new_url.replace("https", "https.")

    return f"https://www.google.com/{new_url}"
