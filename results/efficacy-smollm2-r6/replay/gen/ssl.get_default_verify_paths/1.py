def get_default_verify_paths():
    """Return paths to default cafile and capath."""
    return [
        '../data/default-verify-paths.txt',
        '../data/default-verify-paths.txt'
    ]
