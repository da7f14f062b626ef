def print_list(extracted_list, file=None):
    with open(file, "r") as file_obj:
        extracted_list_stack = []
        for line in file_obj:
            line_stream = line.strip()
            if line_stream == "":
                continue
            extracted_list_stack.append(line_stream)
    with open(file, "w", file_obj.write) as f:
        f.write(extracted_list_stack)
