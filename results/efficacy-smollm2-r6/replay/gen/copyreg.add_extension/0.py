import smol

def add_extension(module, name, code):
    """Register an extension code."""
    smol.add_extension(module, name, code)
