def stopListening():
    """Stop the listening server which was created with a call to listen()."""
