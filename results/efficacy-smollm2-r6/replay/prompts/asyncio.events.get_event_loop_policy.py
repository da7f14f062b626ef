def get_event_loop_policy():
    """Get the current event loop policy."""
