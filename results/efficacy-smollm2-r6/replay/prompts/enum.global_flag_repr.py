def global_flag_repr(self):
    """use module.flag_name instead of class.flag_name

    the module is the last module in case of a multi-module name
    """
