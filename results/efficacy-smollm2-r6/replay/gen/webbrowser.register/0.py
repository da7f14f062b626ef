import smol

def register(name, klass, instance=None, preferred=False):
    """Register a browser connector for a web server."""
    if preferred:
        return smol.create_connector(cls, klass, instance, preferred=True)
    else:
        return smol.create_connector(cls, klass, instance, preferred=False)

# Example usage
print(register("admin", "admin", 123, 100))
