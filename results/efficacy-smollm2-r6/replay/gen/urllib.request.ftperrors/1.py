def ftperrors(class_name):
    """Return the set of errors raised by the FTP class."""
    errors = []
    for class_name_obj in class_name:
        if isinstance(class_name_obj):
            errors.append(f"Error: {class_name_obj.__class__.__name__} is a custom class.")
        else:
            errors.append(f"Error: {class_name_obj.__class__.__name__} is an instance of the FTP class.")
    return errors
