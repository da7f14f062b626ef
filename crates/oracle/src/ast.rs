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
    walk(root, |cursor| visit(cursor.node()));
}

/// The cursor walk behind [`preorder`] and [`preorder_with_field`].
fn walk<'t>(root: Node<'t>, mut visit: impl FnMut(&tree_sitter::TreeCursor<'t>)) {
    let mut cursor = root.walk();
    loop {
        visit(&cursor);
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
        if kinds.contains(&n.node_kind()) {
            return Some(n);
        }
        cur = n.parent();
    }
    None
}

/// Pre-order traversal like [`preorder`], also giving the field each node
/// fills in its parent (`None` for `root` and unnamed positions). Asking the
/// cursor avoids `Node::parent`, which tree-sitter answers by walking down
/// from the root of the tree.
pub fn preorder_with_field<'t>(
    root: Node<'t>,
    mut visit: impl FnMut(Node<'t>, Option<std::num::NonZeroU16>),
) {
    walk(root, |cursor| {
        let n = cursor.node();
        visit(n, if n == root { None } else { cursor.field_id() });
    });
}

/// The id of field `name` in the grammar `node` belongs to (`None` if that
/// grammar has no such field), from the tables below.
pub fn field_id(node: &Node, name: &str) -> Option<std::num::NonZeroU16> {
    match grammar_of(node) {
        Some(g) => g
            .fields
            .get(name)
            .and_then(|&id| std::num::NonZeroU16::new(id)),
        None => node.language().field_id_for_name(name),
    }
}

/// True if `root` or any descendant satisfies `pred`.
pub fn preorder_any<'t>(root: Node<'t>, mut pred: impl FnMut(Node<'t>) -> bool) -> bool {
    let mut found = false;
    preorder(root, |n| found = found || pred(n));
    found
}

/// Node kinds and field ids of one grammar, looked up once. tree-sitter's
/// own `Node::kind()` measures and UTF-8-checks a C string on every call and
/// `child_by_field_name` compares the name against every field of the
/// grammar; together they were a fifth of the oracle's time.
struct Grammar {
    language: tree_sitter::Language,
    kinds: Vec<&'static str>,
    fields: std::collections::HashMap<&'static str, u16>,
}

fn grammars() -> &'static [Grammar] {
    static GRAMMARS: std::sync::OnceLock<Vec<Grammar>> = std::sync::OnceLock::new();
    GRAMMARS.get_or_init(|| {
        [
            tree_sitter::Language::from(tree_sitter_c::LANGUAGE),
            tree_sitter::Language::from(tree_sitter_python::LANGUAGE),
            tree_sitter::Language::from(tree_sitter_cpp::LANGUAGE),
        ]
        .into_iter()
        .map(|language| {
            // The languages live for the whole program (static grammar tables).
            let leaked: &'static tree_sitter::Language = Box::leak(Box::new(language.clone()));
            let kinds = (0..leaked.node_kind_count() as u16)
                .map(|id| leaked.node_kind_for_id(id).unwrap_or(""))
                .collect();
            let fields = (1..=leaked.field_count() as u16)
                .filter_map(|id| leaked.field_name_for_id(id).map(|n| (n, id)))
                .collect();
            Grammar {
                language,
                kinds,
                fields,
            }
        })
        .collect()
    })
}

fn grammar_of(node: &Node) -> Option<&'static Grammar> {
    let language = node.language();
    grammars().iter().find(|g| g.language == *language)
}

/// Fast lookups on a node, through the per-grammar tables above.
pub trait NodeExt<'t> {
    /// The node's kind (same as `Node::kind`).
    fn node_kind(&self) -> &'t str;
    /// The child for a field (same as `Node::child_by_field_name`).
    fn field(&self, name: &str) -> Option<Node<'t>>;
}

impl<'t> NodeExt<'t> for Node<'t> {
    fn node_kind(&self) -> &'t str {
        match grammar_of(self).and_then(|g| g.kinds.get(self.kind_id() as usize)) {
            Some(k) => k,
            None => self.kind(),
        }
    }

    fn field(&self, name: &str) -> Option<Node<'t>> {
        let direct = match grammar_of(self).map(|g| g.fields.get(name)) {
            Some(Some(&id)) => self.child_by_field_id(id),
            Some(None) => None,
            None => self.child_by_field_name(name),
        };
        if direct.is_none() && name == "index" {
            // C++'s grammar keeps `a[i]`'s index in a list (`indices`, for C++23's `a[i, j]`);
            // the C rules ask for the first.
            return self.field("indices").and_then(|l| l.named_child(0));
        }
        direct
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_text;
    use crate::source::Language;

    /// The tables answer exactly what tree-sitter answers, for every node of
    /// both grammars (including ERROR and MISSING nodes) and every field name.
    #[test]
    fn tables_agree_with_tree_sitter() {
        let samples = [
            (
                Language::C,
                "#include <stdio.h>\nint f(int *a, int n) { for (int i = 0; i <= n; i++) a[i] = n ? i : -1; \
                 struct s *p = malloc(sizeof *p); if (!p) return 1; p->x = (long)n; return a[n - 1] }\n@@",
            ),
            (
                Language::Python,
                "import os as o\nclass A(B):\n    def f(self, x: int = 1, *a, **k) -> str:\n        \
                 return o.system(f'{x}') if x else [y for y in a if y]\n    async def g(self): await h(*k) ]",
            ),
        ];
        for (lang, text) in samples {
            let parsed = parse_text(text, lang).expect("parses");
            let grammar = grammar_of(&parsed.tree.root_node()).expect("known grammar");
            let mut nodes = 0;
            preorder(parsed.tree.root_node(), |n| {
                nodes += 1;
                assert_eq!(n.node_kind(), n.kind());
                for name in grammar.fields.keys() {
                    assert_eq!(
                        n.field(name),
                        n.child_by_field_name(name),
                        "{name} of {}",
                        n.kind()
                    );
                }
                assert_eq!(n.field("no_such_field"), None);
            });
            assert!(nodes > 50);
            // The field a cursor reports is the one the parent holds the node in.
            let root = parsed.tree.root_node();
            let mut with_field = 0;
            preorder_with_field(root, |n, field| {
                let Some(id) = field else { return };
                with_field += 1;
                let name = grammar
                    .language
                    .field_name_for_id(id.get())
                    .expect("known field");
                let parent = n.parent().expect("a node with a field has a parent");
                assert!(
                    field_children(parent, name).contains(&n),
                    "{name} of {}",
                    parent.kind()
                );
            });
            assert!(with_field > 10);
        }
    }
}
