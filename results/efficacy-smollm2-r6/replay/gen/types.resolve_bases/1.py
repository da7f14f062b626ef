def resolve_bases(bases):
    """Resolve MRO entries dynamically as specified by PEP 560"""
    return [base.name for base in bases if base.name == 'MRO']
