def copy_location(new_node, old_node):
    new_node = new_node.copy()
    if isinstance(old_node, list):
        for item in old_node:
            new_node.append(item)
    elif isinstance(old_node, list):
        new_node.append(old_node)
    return new_node
