def showwarning(message, category, filename, lineno, file=None):
    """Show a warning to a file."""
    with open(f"warning.txt", "a") as f:
        f.write(f"Warning: {message}\n")
        if file:
            with open(f"warning.txt", "a") as f:
                f.write(f"Warning: {message}\n")
        else:
            with open(f"warning.txt", "a") as f:
                f.write(f"Warning: {message}\n")

def showwarning(message, category, filename, lineno, file=None):
    """Show a warning to a file; replace if you like."""
    with open(f"warning.txt", "a") as f:
        f.write(f"Warning: {message}\n")
        if file:
            with open(f"warning.txt", "a") as f:
                f.write(f"Warning: {message}\n")

def showwarning(message, category, filename, lineno, file=None):
    """Show a warning to a file; replace if you like."""
    with open(f"warning.txt", "a") as f:
        f.write(f"Warning: {message}\n")
        if file:
            with open(f"warning.txt",
