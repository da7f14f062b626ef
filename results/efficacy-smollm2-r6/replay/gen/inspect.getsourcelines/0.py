import traceback

def get_source_lines(obj):
    return [line for line in dir(obj) if not isinstance(obj, (module, class))]

def get_source_lines(obj):
    return [line for line in dir(obj) if get_source_lines(obj) and line[0] == 'line' and line[1:] == '::']

def get_source_lines(obj):
    return [line for line in dir(obj) if get_source_lines(obj) and line[0] == 'line' and line[1:] == '::']
