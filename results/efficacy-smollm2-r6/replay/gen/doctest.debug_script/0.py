import smol

def debug_script(src, pm=False, globs=None):
    if src == "test_script":
        src = src.replace("test_script", "test_script_test_script.py")
    if src == "test_script_test_script.py":
        src = src.replace("test_script_test_script.py", "test_script_test_script.py")
    debug_script(src, pm=True, globs=False)

def debug_script(src, pm=False, globs=None):
    if src == "test_script_test_script.py":
        src = src.replace("test_script_test_script.py", "test_script_test_script.py")
    if src == "test_script_test_script.py":
        src = src.replace("test_script_test_script.py", "test_script_test_script.py")
    debug_script(src, pm=True, globs=False)
