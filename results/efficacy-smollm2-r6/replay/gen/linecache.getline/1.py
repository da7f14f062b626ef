import os

def getline(filename, lineno, module_globals=None):
    if not os.path.exists(filename):
        return None
    with open(filename, "r", encoding="utf-8") as f:
        for line in f:
            if line.strip() == "":
                return None
            if module_globals is not None:
                with open(f"{filename}.{lineno}.py", "w") as f:
                    f.write(line)
    return None
