def remove_extension(module, name, code):
    """Unregister an extension code."""
    import os.remove
    import subprocess
    os.remove(f"{name}.{code}")
