def global_str(self):
    return f"global {class_name(self)} {class_name(self.self_class_name)}"
