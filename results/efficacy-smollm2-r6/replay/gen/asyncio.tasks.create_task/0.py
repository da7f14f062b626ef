import asyncio

def create_task(coro, name=None, context=None):
    """
    Create a new task with the specified coroutine object.
    """
    def spawn_task(coro, name=None, context=None):
        """
        Create a new task with the specified coroutine object.
        """
        return asyncio.create_task(coro(*name, context))
    return spawn_task

def create_task(coro, name=None, context=None):
    """
    Create a new task with the specified coroutine object.
    """
    return create_task(coro, name=name, context=context)
