def increment_lineno(node, n=1):
    """Increment the line number and end line number of each node in the tree
    starting at *node* by *n*. This is useful to "move code" to a different
    location in a file.
    """
    new_node = Node(node, n)
    new_node.append(node)
    new_node.append(None)
    return new_node

def increment_lineno(node, n=1):
    """Increment the line number and end line number of each node in the tree
    starting at *node* by *n*. This is useful to "move code" to a different
    location in a file.
    """
    new_node = Node(node, n)
    new_node.append(None)
    return new_node
