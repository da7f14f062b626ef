//! Small helpers over tree-sitter nodes shared by both languages.

use tree_sitter::Node;

/// The source text of a node (empty if the range is not valid UTF-8, which
/// cannot happen for sources built by [`crate::SourceFile`]).
pub fn text<'a>(node: Node, src: &'a str) -> &'a str {
    src.get(node.byte_range()).unwrap_or("")
}

/// Pre-order traversal of `root` and its descendants, iterative so that
/// arbitrarily deep trees cannot overflow the stack. In a tree indexed with
/// [`index_tree`] it reads the index instead of walking a cursor.
pub fn preorder<'t>(root: Node<'t>, mut visit: impl FnMut(Node<'t>)) {
    if root.child_count() == 0 {
        visit(root);
        return;
    }
    let done = with_index(root, |index, at| {
        for i in at..index.ends[at] as usize {
            // SAFETY: the index holds nodes of `root`'s tree, which `root` borrows for 't.
            visit(unsafe { Node::from_raw(index.nodes[i]) });
        }
    });
    if done.is_none() {
        walk(root, |cursor| visit(cursor.node()));
    }
}

/// A tree's nodes in pre-order, with each node's subtree end, parent and field, made by one
/// cursor walk. The rules ask the same tree for thousands of traversals and parents; a
/// cursor walk skips through tree-sitter's hidden nodes at every step, and `Node::parent`
/// descends from the root, so answering from the index cut the oracle's time on C by a
/// third or so.
struct TreeIndex {
    tree: *const tree_sitter::ffi::TSTree,
    nodes: Vec<tree_sitter::ffi::TSNode>,
    /// One past the last index of each node's subtree.
    ends: Vec<u32>,
    /// Each node's parent's index (`u32::MAX` for the root).
    parents: Vec<u32>,
    /// The field each node fills in its parent.
    fields: Vec<Option<std::num::NonZeroU16>>,
    /// (node id, start byte) → index (`u32::MAX`: two nodes share the key). Small leaves
    /// share ids (tree-sitter stores them inline), so the start byte is part of the key.
    at: rustc_hash::FxHashMap<(usize, u32), u32>,
}

thread_local! {
    /// The indexes of the trees being analysed on this thread (a stack: an analysis may
    /// index a second tree while the first is live).
    static INDEXES: std::cell::RefCell<Vec<TreeIndex>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Keeps a tree's index alive on this thread; dropping it removes the index. It borrows the
/// tree, so the index never outlives the nodes it holds.
pub struct IndexedTree<'t> {
    tree: *const tree_sitter::ffi::TSTree,
    _borrow: std::marker::PhantomData<&'t tree_sitter::Tree>,
}

impl Drop for IndexedTree<'_> {
    fn drop(&mut self) {
        INDEXES.with(|s| s.borrow_mut().retain(|i| i.tree != self.tree));
    }
}

/// Indexes `tree` for [`preorder`], [`preorder_any`], [`parent`] and [`ancestor`] on this
/// thread until the returned guard is dropped. Answers are the same with or without it.
pub fn index_tree(tree: &tree_sitter::Tree) -> IndexedTree<'_> {
    let root = tree.root_node();
    let raw_tree = root.into_raw().tree;
    let mut index = TreeIndex {
        tree: raw_tree,
        nodes: Vec::new(),
        ends: Vec::new(),
        parents: Vec::new(),
        fields: Vec::new(),
        at: rustc_hash::FxHashMap::default(),
    };
    // Open nodes on the path from the root, by index.
    let mut open: Vec<u32> = Vec::new();
    let mut cursor = root.walk();
    loop {
        let n = cursor.node();
        let i = index.nodes.len() as u32;
        index.nodes.push(n.into_raw());
        index.ends.push(i + 1);
        index.parents.push(open.last().copied().unwrap_or(u32::MAX));
        index
            .fields
            .push(if n == root { None } else { cursor.field_id() });
        // Two nodes with one key (zero-width leaves at one place) are left to tree-sitter.
        index
            .at
            .entry(key(n))
            .and_modify(|v| *v = u32::MAX)
            .or_insert(i);
        if cursor.goto_first_child() {
            open.push(i);
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                break;
            }
            let closed = open.pop().unwrap_or(0);
            index.ends[closed as usize] = index.nodes.len() as u32;
        }
        if open.is_empty() {
            break;
        }
    }
    index.ends[0] = index.nodes.len() as u32;
    INDEXES.with(|s| s.borrow_mut().push(index));
    IndexedTree {
        tree: raw_tree,
        _borrow: std::marker::PhantomData,
    }
}

fn key(n: Node) -> (usize, u32) {
    (n.id(), n.start_byte() as u32)
}

/// Runs `f` with the index of `node`'s tree and `node`'s position in it, if the tree is
/// indexed on this thread.
fn with_index<R>(node: Node, f: impl FnOnce(&TreeIndex, usize) -> R) -> Option<R> {
    let tree = node.into_raw().tree;
    INDEXES.with(|s| {
        let s = s.try_borrow().ok()?;
        let index = s.iter().rev().find(|i| i.tree == tree)?;
        let at = *index.at.get(&key(node)).filter(|&&i| i != u32::MAX)? as usize;
        Some(f(index, at))
    })
}

/// `node`'s parent (as `Node::parent`), from the tree's index when there is one.
pub fn parent<'t>(node: Node<'t>) -> Option<Node<'t>> {
    match with_index(node, |index, at| {
        let p = index.parents[at];
        (p != u32::MAX).then(|| index.nodes[p as usize])
    }) {
        // SAFETY: a node of `node`'s tree, which `node` borrows for 't.
        Some(p) => p.map(|p| unsafe { Node::from_raw(p) }),
        None => node.parent(),
    }
}

/// The cursor walk behind [`preorder`] and [`preorder_with_field`] in trees without an index.
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
    if let Some(children) = indexed_children(node, |n, _| n.is_named()) {
        return children;
    }
    let mut cursor = node.walk();
    node.named_children(&mut cursor).collect()
}

/// `node`'s children that `keep` (given the child and the field it fills) from the tree's
/// index, when there is one.
fn indexed_children<'t>(
    node: Node<'t>,
    mut keep: impl FnMut(Node<'t>, Option<std::num::NonZeroU16>) -> bool,
) -> Option<Vec<Node<'t>>> {
    with_index(node, |index, at| {
        let mut out = Vec::new();
        let mut i = at + 1;
        while i < index.ends[at] as usize {
            // SAFETY: a node of `node`'s tree, which `node` borrows for 't.
            let child = unsafe { Node::from_raw(index.nodes[i]) };
            if keep(child, index.fields[i]) {
                out.push(child);
            }
            i = index.ends[i] as usize;
        }
        out
    })
}

/// Children of a node for a given field name.
pub fn field_children<'t>(node: Node<'t>, field: &str) -> Vec<Node<'t>> {
    let id = field_id(&node, field);
    if let Some(children) = indexed_children(node, |_, f| id.is_some() && f == id) {
        return children;
    }
    let mut cursor = node.walk();
    node.children_by_field_name(field, &mut cursor).collect()
}

/// True if `inner` lies within `outer` (by byte range).
pub fn contains(outer: Node, inner: Node) -> bool {
    outer.start_byte() <= inner.start_byte() && inner.end_byte() <= outer.end_byte()
}

/// The nearest ancestor of `node` whose kind is one of `kinds`.
///
/// From the tree's index when there is one. Otherwise: tree-sitter answers `Node::parent` by
/// walking down from the root, so climbing with it costs one descent per level (quadratic in
/// the depth, and most asks find nothing); one descent from the root to `node`, remembering
/// the last match, gives the same answer.
pub fn ancestor<'t>(node: Node<'t>, kinds: &[&str]) -> Option<Node<'t>> {
    if let Some(found) = with_index(node, |index, at| {
        let mut p = index.parents[at];
        while p != u32::MAX {
            // SAFETY: a node of `node`'s tree, which `node` borrows for 't.
            let n = unsafe { Node::from_raw(index.nodes[p as usize]) };
            if kinds.contains(&n.node_kind()) {
                return Some(n);
            }
            p = index.parents[p as usize];
        }
        None
    }) {
        return found;
    }
    let mut cur = root_of(node);
    let mut found = None;
    while cur != node {
        if kinds.contains(&cur.node_kind()) {
            found = Some(cur);
        }
        cur = cur.child_with_descendant(node)?;
    }
    found
}

/// The root of the tree `node` belongs to: every tree-sitter node carries its tree.
fn root_of(node: Node<'_>) -> Node<'_> {
    let raw = node.into_raw();
    // SAFETY: `raw.tree` is the tree `node` borrows for its lifetime, so its root node is
    // valid for the same lifetime; `ts_tree_root_node` only reads the tree.
    unsafe { Node::from_raw(tree_sitter::ffi::ts_tree_root_node(raw.tree)) }
}

/// Pre-order traversal like [`preorder`], also giving the field each node
/// fills in its parent (`None` for `root` and unnamed positions). Asking the
/// cursor avoids `Node::parent`, which tree-sitter answers by walking down
/// from the root of the tree.
pub fn preorder_with_field<'t>(
    root: Node<'t>,
    mut visit: impl FnMut(Node<'t>, Option<std::num::NonZeroU16>),
) {
    let done = with_index(root, |index, at| {
        for i in at..index.ends[at] as usize {
            // SAFETY: the index holds nodes of `root`'s tree, which `root` borrows for 't.
            let n = unsafe { Node::from_raw(index.nodes[i]) };
            visit(n, if i == at { None } else { index.fields[i] });
        }
    });
    if done.is_some() {
        return;
    }
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
    if let Some(found) = with_index(root, |index, at| {
        // SAFETY: the index holds nodes of `root`'s tree, which `root` borrows for 't.
        (at..index.ends[at] as usize).any(|i| pred(unsafe { Node::from_raw(index.nodes[i]) }))
    }) {
        return found;
    }
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
    fields: rustc_hash::FxHashMap<&'static str, u16>,
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
    /// The parent (same as `Node::parent`), from the tree's index when there is one.
    fn parent_node(&self) -> Option<Node<'t>>;
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

    fn parent_node(&self) -> Option<Node<'t>> {
        parent(*self)
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

    type Answers<'t> = (
        Vec<Node<'t>>,
        Vec<(Node<'t>, Option<std::num::NonZeroU16>)>,
        bool,
        Option<Node<'t>>,
        Option<Node<'t>>,
        Vec<Node<'t>>,
        Vec<Node<'t>>,
        Vec<Node<'t>>,
    );

    fn answers<'t>(nodes: &[Node<'t>], kinds: &[&str]) -> Vec<Answers<'t>> {
        nodes
            .iter()
            .map(|&n| {
                let mut sub = Vec::new();
                preorder(n, |x| sub.push(x));
                let mut fields = Vec::new();
                preorder_with_field(n, |x, f| fields.push((x, f)));
                let any_call = preorder_any(n, |x| x.node_kind() == "call_expression");
                (
                    sub,
                    fields,
                    any_call,
                    parent(n),
                    ancestor(n, kinds),
                    named_children(n),
                    field_children(n, "body"),
                    field_children(n, "argument"),
                )
            })
            .collect()
    }

    /// Every answer read from a tree's index equals the one tree-sitter gives without it:
    /// traversals from every node, parents, ancestors, named children, field children and
    /// the field each node fills, on broken code too (ERROR and MISSING nodes, zero-width
    /// leaves).
    #[test]
    fn index_answers_as_tree_sitter_does() {
        let samples = [
            (
                Language::C,
                "int f(int *a, int n) { for (int i = 0; i <= n; i++) a[i] = sizeof(a[0]);                  if (!a) { return -1 } switch (n) { case 1: free(a); break; } return a[n - 1] }\n@@ (",
            ),
            (
                Language::Python,
                "def f(x):\n    return [y for y in x if y] if x else (\nclass",
            ),
        ];
        for (lang, text) in samples {
            let parsed = parse_text(text, lang).expect("parses");
            let root = parsed.tree.root_node();
            let mut plain: Vec<Node> = Vec::new();
            walk(root, |c| plain.push(c.node()));
            let kinds = [
                "for_statement",
                "if_statement",
                "sizeof_expression",
                "list_comprehension",
            ];
            // Without the index, then with it: the answers for every node.
            let before = answers(&plain, &kinds);
            let indexed = index_tree(&parsed.tree);
            let after = answers(&plain, &kinds);
            assert!(with_index(root, |_, _| ()).is_some());
            drop(indexed);
            assert_eq!(before.len(), after.len());
            for (i, (b, a)) in before.iter().zip(&after).enumerate() {
                assert_eq!(b, a, "node {i}: {}", plain[i].kind());
            }
            // The index answers only while its guard lives.
            assert!(with_index(root, |_, _| ()).is_none());
            assert!(plain.iter().any(|n| n.is_error() || n.is_missing()));
        }
    }
}
