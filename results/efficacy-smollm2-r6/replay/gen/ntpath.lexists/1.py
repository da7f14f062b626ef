def lexists(path):
    """Test whether a path exists."""
    return os.path.exists(path)

def lexists_broken(path):
    """Test whether a path exists with broken symbolic links."""
    if os.path.exists(path):
        return True
    else:
        return False

# Test the function
assert lexists_broken("test_path.txt") == True
assert lexists_broken("test_path.txt") == False
