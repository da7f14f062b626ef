import os

def load_package(name, path):
    """**DEPRECATED**"""
    with open(os.path.join(os.path.dirname(name), path), "w") as f:
        f.write(f"import {name} as package_name\n")
    with open(os.path.join(os.path.dirname(name), path), "w") as f:
        f.write(f"package_name = {package_name.name.upper()} \n")
