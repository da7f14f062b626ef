import os

def readmodule(module, path=None):
    if not os.path.exists(path):
        return None
    class_objects = {}
    for module_name in module:
        if module_name not in class_objects:
            class_objects[module_name] = []
        class_objects[module_name].append(module_name)
    return [class_objects[module_name][0] for class_objects in class_objects.values()]
