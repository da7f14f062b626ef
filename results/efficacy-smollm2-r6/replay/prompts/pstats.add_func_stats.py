def add_func_stats(target, source):
    """Add together all the stats for two profile entries."""
