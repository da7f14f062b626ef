//! ## CWE-787: write at a constant index outside the array (`c/constant-index-write`)
//!
//! ### What it does
//! Finds writes `buffer[data] = …` where `data` holds a constant — set in this function, or
//! passed by every caller of the file — at or past the array's length, or below zero, and no
//! enclosing test bounds it on that side (`if (data >= 0)` bounds only below); and writes at
//! a literal index past the end (`p[4] = 0` on `malloc(4 * sizeof(int))`).
//!
//! ### Why is this bad?
//! The write lands outside the array whatever the input: over the next variable, or before
//! the array. A test on the wrong side (`data >= 0` for a value of 10) looks like a check.
//!
//! ### Example
//! ```c
//! int buffer[10];
//! int data = 10;
//! if (data >= 0) buffer[data] = 1;
//! ```
//!
//! ### Use instead
//! ```c
//! if (data >= 0 && data < 10) buffer[data] = 1;
//! ```
//!
//! ### References
//! - MITRE CWE-787, Out-of-bounds Write; CWE-129, Improper Validation of Array Index.

use super::CContext;
use crate::ast::{text, NodeExt};
use crate::c::loops::is_write;
use crate::c::model::CFunction;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;
use tree_sitter::Node;

pub static META: RuleMeta = RuleMeta {
    id: "c/constant-index-write",
    cwe: crate::Cwe::new(787),
    name: "Write at a constant index outside the array",
    language: Language::C,
    severity: Severity::High,
    summary: "An index that always holds a constant outside the array is written at.",
};

/// Which sides the enclosing `if`s test `var` on: (below, above).
pub(crate) fn tested_sides(n: Node, var: &str, s: &str) -> (bool, bool) {
    let (mut below, mut above) = (false, false);
    let mut node = n;
    while let Some(p) = node.parent_node() {
        if p.node_kind() == "if_statement" && p.field("consequence") == Some(node) {
            if let Some(c) = p.field("condition") {
                crate::ast::preorder(c, |x| {
                    if x.node_kind() != "binary_expression" {
                        return;
                    }
                    let (Some(o), Some(l), Some(r)) = (x.field("operator"), x.field("left"), x.field("right"))
                    else {
                        return;
                    };
                    let is_var = |y: Node| text(crate::c::model::strip_parens_casts(y), s) == var;
                    match (text(o, s), is_var(l), is_var(r)) {
                        (">" | ">=", true, _) | ("<" | "<=", _, true) => below = true,
                        ("<" | "<=", true, _) | (">" | ">=", _, true) => above = true,
                        ("!=" | "==", true, _) | ("!=" | "==", _, true) => {
                            below = true;
                            above = true;
                        }
                        _ => {}
                    }
                });
            }
        }
        node = p;
    }
    (below, above)
}

pub fn check(ctx: &CContext, out: &mut Vec<Finding>) {
    for (func, _) in ctx.functions() {
        for &n in &func.nodes {
            if n.node_kind() != "subscript_expression" || !is_write(n, ctx.src()) {
                continue;
            }
            if let Some(msg) = outside_message(ctx, func, n) {
                out.push(ctx.finding(&META, n, msg));
            }
        }
    }
}

/// Why the subscript `n` lands outside its array or known storage whatever the input: its
/// index is a literal (`p[4]` on four elements) or a variable that holds constants
/// (`data = 10; … buffer[data]`) with no enclosing test on the side they leave by.
pub(crate) fn outside_message(ctx: &CContext, func: &CFunction, n: Node) -> Option<String> {
    let s = ctx.src();
    let (arr, idx) = (n.field("argument")?, n.field("index")?);
    if arr.node_kind() != "identifier" {
        return None;
    }
    let len = func.array_len(ctx.model, text(arr, s)).or_else(|| {
        crate::c::storage::of(ctx, func, text(arr, s), n.start_byte()).and_then(|st| st.elements)
    })?;
    if let Some(v) = ctx.model.const_int(idx).filter(|_| idx.node_kind() == "number_literal") {
        return (v >= len || v < 0).then(|| {
            format!("index {v} is outside `{}`'s {len} elements.", text(arr, s))
        });
    }
    if idx.node_kind() != "identifier" {
        return None;
    }
    let var = text(idx, s);
    let values = crate::c::storage::constant_values(ctx, func, var, n.start_byte())?;
    let (below, above) = tested_sides(n, var, s);
    let v = values
        .iter()
        .find(|&&v| (v >= len && !above) || (v < 0 && !below))?;
    Some(format!(
        "`{var}` is {v} here, outside `{}`'s {len} elements.",
        text(arr, s)
    ))
}
