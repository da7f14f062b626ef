def lineno():
    return 0 if len(line_number) == 1 else line_number - 1
