def resolve_name(name, package):
    """Resolve a relative module name to an absolute one."""
