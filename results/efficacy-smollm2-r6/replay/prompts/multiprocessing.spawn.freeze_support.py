def freeze_support():
    """Run code for process object if this in not the main process"""
