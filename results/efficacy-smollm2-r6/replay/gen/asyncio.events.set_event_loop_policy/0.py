def set_event_loop_policy(policy):
    if not isinstance(policy, dict):
        policy = dict()
    policy.update({event_loop_policy_key: event_loop_policy for event_loop_policy_key in policy})
    return policy
