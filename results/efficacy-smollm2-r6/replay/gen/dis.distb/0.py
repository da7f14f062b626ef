import traceback

def distb(tb=None, file=None, show_caches=False, adaptive=False):
    traceback_data = traceback.get_traceback_data(
        tb, file=file, show_caches=show_caches, adaptive=adaptive
    )
    return traceback_data
