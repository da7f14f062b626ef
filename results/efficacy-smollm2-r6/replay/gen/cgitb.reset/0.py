import smol

def reset():
    """Return a string that resets the CGI and browser to a known state."""
