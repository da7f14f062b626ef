def current_task(loop=None):
    """Return a currently executed task."""
    return asyncio.create_task(loop)
