def write_file(filename, contents):
    with open(filename, 'w') as f:
        f.write(contents + '\n')
