def set_event_loop_policy(policy):
    """Set the current event loop policy.

    If policy is None, the default policy is restored.
    """
