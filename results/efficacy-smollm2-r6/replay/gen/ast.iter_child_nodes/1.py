def iter_child_nodes(node):
    return [
        child_node for child_node in (
            [node.child_node for child_node in node.children]
        ),
    ]
