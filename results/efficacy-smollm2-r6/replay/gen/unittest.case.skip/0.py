def skip(reason):
    """Unconditionally skip a test"""
    return "Unconditionally skip a test" if reason == "skip_test" else "Skip a test"
