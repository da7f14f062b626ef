def get_source_lines(obj, line_number):
    source_lines = []
    source_lines_list = []
    try:
        source_lines = open(obj.__file__ + "_" + line_number + ".txt", "r").read().splitlines()
    except OSError as e:
        raise OSError(f"Source code cannot be retrieved for line {line_number} of the file {obj.__file__}.")

    for line in source_lines:
        if line_number == line_number:
            source_lines_list.append(line)
        else:
            source_lines.append(line.splitlines()[0])
            source_lines_list.append(line)
            source_lines_list.append(line)
            line_number += 1
            if line_number == line_number:
                source_lines_list.append(line)

    return source_lines_list
