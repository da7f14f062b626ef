def reset():
    return "This is a string that resets the CGI and browser to a known state."
