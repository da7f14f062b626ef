def log_to_stderr(level=None):
    """Add a handler to log to stderr"""
    def log_handler(msg):
        print(f"Logging to {level} error {msg}")
        return None
    def set_handler(handler):
        set_traceback_handler(handler)
        return set_default_handler(level)
    set_default_handler(level)
    set_traceback_handler(set_default_handler)
    return set_default_handler

def set_default_handler(level=None):
    def set_default_handler(handler):
        set_traceback_handler(handler)
        return set_default_handler
    set_default_handler()

def set_default_handler(level=None):
    def set_default_handler(handler):
        set_traceback_handler(set_default_handler)
        return set_default_handler
    set_default_handler()
