def iter_child_nodes(node):
    return [child for child in node if isinstance(child, (list, list)) and isinstance(child[0], (list, list))]
