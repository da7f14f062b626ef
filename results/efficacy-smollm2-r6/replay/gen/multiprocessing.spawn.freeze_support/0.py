def freeze_support():
    if not os.path.exists(os.path.dirname(__file__)) or os.path.getsize(os.path.dirname(__file__)) < 1024:
    # This will run the main process and freeze the support function
    return

# Example usage:
freeze_support()
