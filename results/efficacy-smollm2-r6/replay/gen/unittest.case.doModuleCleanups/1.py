import os

def doModuleCleanups():
    """Execute all module cleanup functions."""
    import subprocess
    os.system(f"rm -r /path/to/your/module.py")

doModuleCleanups()
