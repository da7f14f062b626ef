def getclasstree(classes, unique=False):
    return [
        {
            "class_id": class_id,
            "class_name": class_name
        }
        for class_id, class_name in classes
    ]
