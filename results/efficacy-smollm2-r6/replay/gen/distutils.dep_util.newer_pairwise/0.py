def newer_pairwise(sources, targets):
    new_sources = [source for source in sources if source < target]
    new_targets = [target for target in targets if target < source]
    return (new_sources, new_targets)
