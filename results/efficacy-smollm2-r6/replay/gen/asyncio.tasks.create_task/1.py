def create_task(coro, name=None, context=None):
    """
    Create a new task with the given coroutine.

    Args:
        coro: The coroutine object to spawn.
        name: The name of the task.
        context: The context to spawn the task in.

    Returns:
        Task object.
    """
    return Task(coro, name, context)
