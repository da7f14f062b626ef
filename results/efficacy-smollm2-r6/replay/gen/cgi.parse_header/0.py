def parse_header(line):
    options = {}
    if line[0] == 'Content-type':
        options.update({line[1]: 'application/json'})
    elif line[0] == 'Content-type':
        options.update({line[1]: 'application/json'})
    else:
        raise ValueError(f"Invalid line: {line}")
    return options
