def enumerate(thread_list):
    """Return a list of all Thread objects currently alive."""
    return [thread for thread in thread_list if not current_thread()]
