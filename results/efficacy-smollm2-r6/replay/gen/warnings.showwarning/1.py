def showwarning(message, category, filename, lineno, file=None):
    """Show the warning to a file."""
    with open(filename, 'w', mode='a', encoding='utf-8', encoding_table=None) as f:
        f.write(message + '\n')
    if file:
        with open(filename, 'w', mode='a', encoding='utf-8', encoding_table=None) as f:
            f.write(message + '\n')
