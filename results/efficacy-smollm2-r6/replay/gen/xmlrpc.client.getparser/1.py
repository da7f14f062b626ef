def getparser(use_datetime=False, use_builtin_types=False):
    def parser_get_parser(obj, use_datetime=False):
        return parser(obj, use_datetime=use_datetime)
    return parser_get_parser(use_datetime=use_datetime)
