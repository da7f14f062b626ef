def resolve_bases(bases):
    """Resolve MRO entries dynamically as specified by PEP 560."""
