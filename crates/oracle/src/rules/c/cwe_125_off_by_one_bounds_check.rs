//! ## CWE-125: off-by-one bounds check (`c/off-by-one-bounds-check`)
//!
//! ### What it does
//! Finds a guard `if (i > n) { return/goto/break … }` (or `n < i`) that
//! rejects indexes past a length-like bound (`len`, `size`, `count`,
//! `num*`, `max*`, `length`, `sizeof`, `ARRAY_SIZE`) or is a number equal to the
//! accessed array's length, alone or as one alternative of `i < 0 || i > 8`, followed by an
//! access `a[i]`. The guard lets `i == n` through, one past the last element.
//!
//! ### Why is this bad?
//! An array of `n` elements has indexes `0 … n-1`: the access at `n` reads
//! (or writes) the memory just past it.
//!
//! ### Example
//! ```c
//! if (index > cache->count)
//!     return NULL;
//! return cache->entries[index];
//! ```
//!
//! ### Use instead
//! ```c
//! if (index >= cache->count)
//!     return NULL;
//! return cache->entries[index];
//! ```
//!
//! ### References
//! - MITRE, CWE-125: <https://cwe.mitre.org/data/definitions/125.html>

use super::CContext;
use crate::ast::NodeExt;
use crate::ast::{self, text};
use crate::c::model::CFunction;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;
use tree_sitter::Node;

pub static META: RuleMeta = RuleMeta {
    id: "c/off-by-one-bounds-check",
    cwe: crate::Cwe::new(125),
    name: "Off-by-one bounds check",
    language: Language::C,
    severity: Severity::High,
    summary: "A bounds check admits an index equal to the length.",
};

/// A bound that names a length (`len`, `size`, `count`, `n_items` …).
pub fn length_like(bound: &str) -> bool {
    let b = bound.to_ascii_lowercase();
    let last = b.rsplit(['.', '>']).next().unwrap_or(&b);
    [
        "len",
        "size",
        "count",
        "cnt",
        "num",
        "max",
        "length",
        "total",
        "nr_",
        "sizeof",
        "array_size",
        "nelem",
    ]
    .iter()
    .any(|w| last.contains(w))
        && !b.replace("->", ".").contains('-')
}

/// True if a branch body ends the path (return, goto, break, continue).
fn exits(body: Node) -> bool {
    let last = if body.node_kind() == "compound_statement" {
        let kids = ast::named_children(body);
        match kids.into_iter().rev().find(|k| k.node_kind() != "comment") {
            Some(k) => k,
            None => return false,
        }
    } else {
        body
    };
    matches!(
        last.node_kind(),
        "return_statement" | "goto_statement" | "break_statement" | "continue_statement"
    )
}

pub fn check(ctx: &CContext, out: &mut Vec<Finding>) {
    let s = ctx.src();
    for (func, _) in ctx.functions() {
        func.preorder(|n| {
            if n.node_kind() != "if_statement" {
                return;
            }
            let (Some(cond), Some(body)) = (
                n.field("condition"),
                n.field("consequence"),
            ) else {
                return;
            };
            if !exits(body) {
                return;
            }
            // The guard, or one of the alternatives of `i < 0 || i > 8`.
            let mut tests = Vec::new();
            let mut stack = vec![cond];
            while let Some(c) = stack.pop() {
                match c.node_kind() {
                    "parenthesized_expression" => stack.extend(c.named_child(0)),
                    "binary_expression" => match c.field("operator").map(|o| text(o, s)) {
                        Some("||") => {
                            stack.extend(c.field("left"));
                            stack.extend(c.field("right"));
                        }
                        Some(">" | "<") => tests.push(c),
                        _ => {}
                    },
                    _ => {}
                }
            }
            for c in tests {
                guard(ctx, func, n, c, out);
            }
        });
    }
}

/// One `idx > bound` test of a guard `n` that leaves: reported when `a[idx]` follows with
/// `idx` unchanged and the bound names a length, or is a number equal to `a`'s length.
fn guard(ctx: &CContext, func: &CFunction, n: Node, c: Node, out: &mut Vec<Finding>) {
    let s = ctx.src();
    let op = c.field("operator").map(|o| text(o, s)).unwrap_or("");
    let (Some(l), Some(r)) = (c.field("left"), c.field("right")) else {
        return;
    };
    let (index, bound) = match op {
        ">" => (l, r),
        "<" => (r, l),
        _ => return,
    };
    let number = ctx.model.const_int(bound);
    if index.node_kind() != "identifier" || !(length_like(text(bound, s)) || number.is_some()) {
        return;
    }
    let idx = text(index, s);
    // An access a[idx] after the guard, with idx unchanged.
    let mut hit: Option<Node> = None;
    let mut changed = false;
    func.preorder(|m| {
        if hit.is_some() || changed || m.start_byte() <= n.end_byte() {
            return;
        }
        match m.node_kind() {
            "assignment_expression" | "update_expression"
                if m.field("left")
                    .or_else(|| m.field("argument"))
                    .is_some_and(|x| text(x, s) == idx) =>
            {
                changed = true;
            }
            "subscript_expression" if m.field("index").is_some_and(|i| text(i, s) == idx) => {
                hit = Some(m);
            }
            _ => {}
        }
    });
    let Some(access) = hit else { return };
    // A number bound is a length only when it is the accessed array's.
    if let Some(v) = number {
        let array = access.field("argument").map(|a| text(a, s)).unwrap_or("");
        if func.array_len(ctx.model, array) != Some(v) {
            return;
        }
    }
    let line = ctx.line(access);
    let mut f = ctx.finding(
        &META,
        c,
        format!(
            "`{}` lets `{idx}` equal `{}`, one past the end of the access on line {line}.",
            text(c, s),
            text(bound, s)
        ),
    );
    if let Some(o) = c.field("operator") {
        f.fix = ctx.fix(
            "Reject the index equal to the length too",
            vec![ctx.edit(o, if op == ">" { ">=" } else { "<=" })],
        );
    }
    out.push(f);
}

