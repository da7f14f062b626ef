def fix_help_options(options):
    return tuple(sorted(options))
