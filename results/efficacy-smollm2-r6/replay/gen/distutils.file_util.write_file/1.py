def write_file(filename, contents):
    with open(filename, 'w') as file_obj:
        file_obj.write(b'".\n'.join(contents))
