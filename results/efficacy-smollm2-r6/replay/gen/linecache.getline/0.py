def getline(filename, lineno, module_globals=None):
    if not isinstance(filename, str):
        raise TypeError("Input must be a string")
    if len(filename) == 0:
        raise ValueError("File not found")
    if not isinstance(lineno, int):
        raise ValueError("Lineno must be an integer")
    if not isinstance(module_globals, (list, tuple)):
        raise TypeError("Module global must be a list of tuples")
    with open(filename, "r") as f:
        for line in f:
            if len(line) == 0:
                raise ValueError("Line cannot be empty")
            if not isinstance(line, (str, tuple)):
                raise ValueError(f"Line must be a string and must contain only a single string")
            if not isinstance(line[0], (int, float)):
                raise ValueError(f"Line must contain only a single string of type int and must contain only a single float")
            if not (isinstance(line[0], str) and len(line[0]) == 1):
                raise ValueError(f"Line must contain only a single string of type str and must contain only a single string of type int and must contain only a single string of type float")
            if not (isinstance(line[0], (int, float)) and not isinstance(line[1], (int, float))):
