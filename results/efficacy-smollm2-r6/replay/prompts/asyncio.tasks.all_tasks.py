def all_tasks(loop=None):
    """Return a set of all tasks for the loop."""
