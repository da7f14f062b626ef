def all_tasks(loop=None):
    return set(tasks).intersection(list(tasks))
