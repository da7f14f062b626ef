def global_flag_repr(self):
    return f"global_flag_name: {class(self).name}
