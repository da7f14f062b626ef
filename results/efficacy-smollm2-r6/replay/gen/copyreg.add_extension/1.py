def add_extension(module, name, code):
    """Add an extension code to a module"""
    module.add_extension(name, code)
