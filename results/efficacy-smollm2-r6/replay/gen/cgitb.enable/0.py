import smol

def enable(display=1, logdir=None, context=5, format="html"):
    """
    Enable an exception handler that formats tracebacks as HTML.

    The optional argument 'display' can be set to 0 to suppress sending the traceback to the browser,
    and 'logdir' can be set to a directory to write the HTML to.

    Example usage:
