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
    parse_dialect(&file.text, file.language, file.cpp)
}

/// Parses `text` with the grammar of `language`.
pub fn parse_text(text: &str, language: Language) -> Option<Parsed> {
    parse_dialect(text, language, false)
}

/// Parses `text` with the grammar of `language`, C++'s for C when `cpp` is set (C++'s
/// grammar extends C's with the same node kinds, so the C rules read both).
pub fn parse_dialect(text: &str, language: Language, cpp: bool) -> Option<Parsed> {
    let mut parser = Parser::new();
    let language: tree_sitter::Language = match language {
        Language::Python => tree_sitter_python::LANGUAGE.into(),
        Language::C if cpp => tree_sitter_cpp::LANGUAGE.into(),
        Language::C => tree_sitter_c::LANGUAGE.into(),
    };
    parser.set_language(&language).ok()?;
    let tree = parser.parse(text.as_bytes(), None)?;
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

/// Where a C snippet that starts with a function's name — its return type on a line that was
/// cut away, as in functions extracted from commits (`foo(int n) {` …) — needs a type for
/// tree-sitter to see a function definition: the byte offset of that name. tree-sitter-c
/// has no implicit `int`, and without one it takes the header for a broken declaration and
/// the body's statements for top-level items, so no rule would see the function.
pub fn headerless_function_start(text: &str) -> Option<usize> {
    let mut rest = text;
    let mut at = 0;
    // Skip blank lines and comments before the name.
    loop {
        let trimmed = rest.trim_start();
        at += rest.len() - trimmed.len();
        rest = trimmed;
        if let Some(r) = rest.strip_prefix("//") {
            let end = r.find('\n').map_or(r.len(), |i| i + 1);
            at += 2 + end;
            rest = &r[end..];
        } else if let Some(r) = rest.strip_prefix("/*") {
            let end = r.find("*/")? + 2;
            at += 2 + end;
            rest = &r[end..];
        } else {
            break;
        }
    }
    let name_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    let name = &rest[..name_len];
    let is_ident = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    const KEYWORDS: &[&str] = &[
        "if", "while", "for", "switch", "return", "sizeof", "do", "else", "case", "goto",
    ];
    if !is_ident || KEYWORDS.contains(&name) || !rest[name_len..].trim_start().starts_with('(') {
        return None;
    }
    // A call statement (`foo(x);`) is not a header: the header's `)` is followed by `{`,
    // a K&R parameter declaration, or an attribute, never by `;`.
    let close = matching_paren(&rest[name_len..])?;
    let after = rest[name_len + close + 1..].trim_start();
    (!after.starts_with(';') && !after.is_empty()).then_some(at)
}

/// Byte index of the `)` closing the first `(` of `s`.
fn matching_paren(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::headerless_function_start;

    #[test]
    fn finds_functions_cut_from_their_return_type() {
        assert_eq!(headerless_function_start("foo(int a)\n{\n}"), Some(0));
        assert_eq!(
            headerless_function_start("\n  /* c */ bar (char *p) {"),
            Some(11)
        );
        assert_eq!(headerless_function_start("int foo(void) {}"), None);
        assert_eq!(headerless_function_start("foo(x);\nint y;"), None);
        assert_eq!(headerless_function_start("if (x) {"), None);
        assert_eq!(headerless_function_start("#include <a.h>\nfoo() {}"), None);
    }
}
