def expand_makefile_vars(s, vars):
    return s.replace("${foo}", f"{vars['foo']}")
