def get_running_loop():
    """Return the running event loop."""
    return asyncio.run_event_loop(None, asyncio.AsyncContext(context=None))
