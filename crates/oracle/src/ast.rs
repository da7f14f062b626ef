//! Small helpers over tree-sitter nodes shared by both languages.

use tree_sitter::Node;

/// The source text of a node (empty if the range is not valid UTF-8, which
/// cannot happen for sources built by [`crate::SourceFile`]).
pub fn text<'a>(node: Node, src: &'a str) -> &'a str {
    src.get(node.byte_range()).unwrap_or("")
}

/// Pre-order traversal of `root` and its descendants, iterative so that
/// arbitrarily deep trees cannot overflow the stack.
pub fn preorder<'t>(root: Node<'t>, mut visit: impl FnMut(Node<'t>)) {
    let mut cursor = root.walk();
    loop {
        visit(cursor.node());
        if cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.node() == root {
                return;
            }
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return;
            }
        }
    }
}

/// Named children of a node, collected (tree-sitter's iterator borrows a
/// cursor, which is awkward in recursive code).
pub fn named_children(node: Node) -> Vec<Node> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor).collect()
}

/// Children of a node for a given field name.
pub fn field_children<'t>(node: Node<'t>, field: &str) -> Vec<Node<'t>> {
    let mut cursor = node.walk();
    node.children_by_field_name(field, &mut cursor).collect()
}

/// True if `inner` lies within `outer` (by byte range).
pub fn contains(outer: Node, inner: Node) -> bool {
    outer.start_byte() <= inner.start_byte() && inner.end_byte() <= outer.end_byte()
}

/// The nearest ancestor of `node` whose kind is one of `kinds`.
pub fn ancestor<'t>(node: Node<'t>, kinds: &[&str]) -> Option<Node<'t>> {
    let mut cur = node.parent();
    while let Some(n) = cur {
        if kinds.contains(&n.kind()) {
            return Some(n);
        }
        cur = n.parent();
    }
    None
}

/// True if `root` or any descendant satisfies `pred`.
pub fn preorder_any<'t>(root: Node<'t>, mut pred: impl FnMut(Node<'t>) -> bool) -> bool {
    let mut found = false;
    preorder(root, |n| found = found || pred(n));
    found
}
