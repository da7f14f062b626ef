import os
import urllib.parse

def urlcleanup():
    """Clean up temporary files from urlretrieve calls."""
    def clean_url(url):
        with open(url, "r") as f:
            return f.read().replace(r"http", "https").replace(r"https", "http").replace(r"https", "http").replace(r"https", "http")
        return url
    with open("urlretrieve.txt", "w") as f:
        f.write(clean_url(url))

# Example usage:
urlcleanup()
