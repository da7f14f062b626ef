def removeDuplicates(variable):
    return remove_value(variable, "environment_variable")

def remove_value(variable, value):
    return remove_value_with_prefix(value, "environment_variable")

def remove_value_with_prefix(value, prefix):
    return remove_value_with_prefix_prefix(value, prefix + "environment_variable")
