def parse(file, parser=None, bufsize=None):
    if parser is None:
        parser = parser_name_to_obj()
    with open(file, "r", parser_file_to_obj_file_file_path(parser=parser, bufsize=bufsize)) as f:
        return f.read()
