def active_count():
    return active_count()
