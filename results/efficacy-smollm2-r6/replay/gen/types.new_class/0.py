def new_class(name, bases=(), kwds=None, exec_body=None):
    class_name = f"new_class({name})"
    class_name_dict = {class_name_dict[class_name_name]: class_name}
    class_name_dict = {class_name_name: class_name}
    return f"new_class({class_name_name})"
