def getparser(use_datetime=False, use_builtin_types=False):
    parser = getparser_builtin_types()
    return parser.get_parser()
