def global_enum_repr(self):
    """use module.enum_name instead of class.enum_name

    the module is the last module in case of a multi-module name
    """
