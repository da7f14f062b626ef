def global_str(self):
    """use enum_name instead of class.enum_name"""
