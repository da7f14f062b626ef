def add_func_stats(target, source):
    """Add the given target to the given source."""
    return add_stats(target, source)

# Example usage:
add_func_stats(target, 10)
print(f"Added 10 to the source: {target}")
