def global_str(self):
    return f"global {self.name} {self.class_name} {self.enum_name}"
