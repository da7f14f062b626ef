def doModuleCleanups():
    """Execute all module cleanup functions. Normally called for you after tearDownModule."""
