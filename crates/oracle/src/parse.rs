//! tree-sitter parsing for the supported languages.
//!
//! tree-sitter recovers from syntax errors, so code with errors is still
//! analysed; the number of ERROR/MISSING nodes is reported with the results.

use crate::source::{Language, SourceFile};
use tree_sitter::{Node, Parser, Tree};

/// A parsed file: the tree plus the count of syntax errors tree-sitter
/// recovered from.
pub struct Parsed {
    pub tree: Tree,
    pub parse_errors: usize,
}

/// Parses `file` with the grammar of its language. Returns `None` only if
/// tree-sitter gives up (it does not for any input we have seen; the caller
/// reports it as an analysis error rather than panicking).
pub fn parse(file: &SourceFile) -> Option<Parsed> {
    let mut parser = Parser::new();
    let language: tree_sitter::Language = match file.language {
        Language::Python => tree_sitter_python::LANGUAGE.into(),
        Language::C => tree_sitter_c::LANGUAGE.into(),
    };
    parser.set_language(&language).ok()?;
    let tree = parser.parse(file.text.as_bytes(), None)?;
    let parse_errors = if tree.root_node().has_error() {
        count_errors(tree.root_node())
    } else {
        0
    };
    Some(Parsed { tree, parse_errors })
}

/// Counts ERROR and MISSING nodes without recursion (deeply nested input
/// must not overflow the stack).
fn count_errors(root: Node) -> usize {
    let mut count = 0;
    let mut cursor = root.walk();
    loop {
        let node = cursor.node();
        if node.is_error() || node.is_missing() {
            count += 1;
        }
        if node.has_error() && cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return count;
            }
        }
    }
}
