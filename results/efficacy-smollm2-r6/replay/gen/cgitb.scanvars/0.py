def scanvars(reader, frame, locals):
    """Scan one logical line of Python and look up values of variables used."""
    for line in reader:
        if line.startswith(f"#{frame}"):
            for var in line.split(f"#{frame}"):
                if var == "value":
                    value = var.split(":", 1)[0]
                    if isinstance(value, int):
                        value = int(value)
                    if isinstance(value, str):
                        value = value.replace("", "").replace(".", "").replace(".", ""))
                    if isinstance(value, str):
                        value = value.replace("", "").replace(".", "").replace(".", "")
                    if isinstance(value, str):
                        value = value.replace("", "").replace(".", "").replace(".", "")
                    if isinstance(value, str):
                        value = value.replace("", "").replace(".", "").replace(".", "")
                    if isinstance(value, int):
                        value = int(value)
                    if isinstance(value, str):
                        value = value.replace("", "").replace(".", "").replace(".", "")
                    if isinstance(value, str):
                        value = value.replace("", "").replace(".", "").replace(".", "")
                    if isinstance(value, int):
                        value = int(value)
                    if isinstance(
