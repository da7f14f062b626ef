def copy_location(new_node, old_node):
    if not isinstance(new_node, list):
        return new_node + [new_node]
    for item in old_node:
        new_node = new_node + [new_node[i] for i in item]
    new_node = new_node[len(new_node) - 1:]
    return new_node + [new_node]
