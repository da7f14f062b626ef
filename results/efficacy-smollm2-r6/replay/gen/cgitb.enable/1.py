def enable(display=1, logdir=None, context=5, format="html"):
    """
    Enable the specified traceback format to be printed to the console.

    The optional argument 'display' can be set to 0 to suppress sending the
    traceback to the browser, and 'logdir' can be set to a directory to cause
    tracebacks to be written to files.

    If 'display' is set to 0, it will print the traceback to the console.
    If 'logdir' is set to a directory, it will write the traceback to a file.
    """
    if display == 0:
        print(f"Enable: {format(format, "html")} {context} {display} {context} {context} {context} {context} {context} {context} {context} {context} {context} {context} {context} {context} {context} {context} {context} {context} {context} {context} {context} {context} {context} {context} {context} {context} {context} {context} {context} {context} {context} {context} {context} {context} {context} {context} {context} {context} {context} {context} {context} {context} {context} {context} {context} {context} {context} {context} {context} {context} {
