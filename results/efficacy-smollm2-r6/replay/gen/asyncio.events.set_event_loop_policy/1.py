def set_event_loop_policy(policy):
    """Set the current event loop policy."""
    if policy is None:
        return None
    return {
        "event_loop_policy": {
            "event_loop_policy_policy": {
                "event_loop_policy_policy_policy": {
                    "event_loop_policy_policy_policy_policy": {
                        "event_loop_policy_policy_policy_policy_policy": {
                            "event_loop_policy_policy_policy_policy_policy": {
                                "event_loop_policy_policy_policy_policy_policy_policy_policy_policy": {
                                    "event_loop_policy_policy_policy_policy_policy_policy_policy_policy": {
                                    "event_loop_policy_policy_policy_policy_policy_policy_policy_policy_policy_policy_policy_policy_policy": {
                                    "event_loop_policy_policy_policy_policy_policy_policy_policy_policy_policy_policy_policy_policy_policy_policy_policy_policy_policy_policy_policy_policy_policy_policy_policy_policy_policy_policy_policy_policy_policy_policy_policy_policy_policy_policy_policy_policy_policy_policy_policy_policy_policy_policy_policy_policy_policy_policy_policy_policy_policy_
