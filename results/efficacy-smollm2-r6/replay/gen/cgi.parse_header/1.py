def parse_header(line):
    return line.split('Content-type: ')[0]
