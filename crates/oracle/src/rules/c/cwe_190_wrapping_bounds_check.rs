//! ## CWE-190: a bounds check whose own sum can wrap (`c/wrapping-bounds-check`)
//!
//! ### What it does
//! Finds checks such as `if (off + len > size)`, `if (p + n > end)` or
//! `assert(pos + count <= total)`: a comparison in a condition where one
//! side adds two or more run-time values (parameters, struct fields,
//! locals) that were not all range-checked earlier in the function.
//! Lengths measured by `strlen`/`sizeof` are not counted: they describe
//! objects already in memory and cannot approach the type's limit.
//!
//! ### Why is this bad?
//! The check is meant to stop an access past `size`, but a large `len`
//! (read from a packet, a file header, a caller) makes `off + len` wrap
//! around to a small number, the check passes, and the copy or read that
//! follows goes far out of bounds. For pointers, `p + n` past the object
//! is undefined behaviour and compilers may delete the check altogether.
//!
//! ### Example
//! ```c
//! int read_chunk(const uint8_t *buf, size_t size, size_t off, size_t len, uint8_t *out) {
//!     if (off + len > size)
//!         return -1;
//!     memcpy(out, buf + off, len);
//!     return 0;
//! }
//! ```
//!
//! ### Use instead
//! ```c
//! int read_chunk(const uint8_t *buf, size_t size, size_t off, size_t len, uint8_t *out) {
//!     if (off > size || len > size - off)
//!         return -1;
//!     memcpy(out, buf + off, len);
//!     return 0;
//! }
//! ```
//!
//! ### References
//! - MITRE, CWE-190: <https://cwe.mitre.org/data/definitions/190.html>

use super::CContext;
use crate::ast::NodeExt;
use crate::ast::{self, text};
use crate::c::model::{squeezed, strip_parens_casts, CFunction};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;
use tree_sitter::Node;

pub static META: RuleMeta = RuleMeta {
    id: "c/wrapping-bounds-check",
    cwe: crate::Cwe::new(190),
    name: "Bounds check that can wrap around",
    language: Language::C,
    severity: Severity::Medium,
    summary: "A bounds check adds run-time values, and the sum can wrap so the check passes.",
};

/// Calls that only measure objects already in memory.
const MEASURES: &[&str] = &["strlen", "wcslen", "strnlen", "sizeof", "ARRAY_SIZE"];

pub fn check(ctx: &CContext, out: &mut Vec<Finding>) {
    let s = ctx.src();
    for (func, _) in ctx.functions() {
        func.preorder(|n| {
            if n.node_kind() != "binary_expression" {
                return;
            }
            let Some(op) = n.field("operator").map(|o| text(o, s)) else {
                return;
            };
            if !matches!(op, "<" | "<=" | ">" | ">=") || !in_check(ctx, n) {
                return;
            }
            for side in ["left", "right"] {
                let Some(sum) = n.field(side).map(strip_parens_casts) else {
                    continue;
                };
                if !is_op(ctx, sum, "+") {
                    continue;
                }
                let mut terms = Vec::new();
                addends(ctx, sum, &mut terms);
                let vars: Vec<Node> = terms
                    .into_iter()
                    .filter(|t| runtime_value(ctx, func, *t))
                    .collect();
                if vars.len() < 2 {
                    continue;
                }
                // `a + b < a` is the overflow test itself.
                let other = if side == "left" { "right" } else { "left" };
                if let Some(o) = n.field(other).map(strip_parens_casts) {
                    let o = squeezed(ctx.text(o));
                    if vars.iter().any(|v| squeezed(ctx.text(*v)) == o) {
                        continue;
                    }
                }
                // Loop counters and values already range-checked cannot
                // reach the limit together.
                if vars.iter().all(|v| {
                    ast::preorder_any(*v, |x| {
                        matches!(x.node_kind(), "identifier" | "field_expression")
                            && func.bounded_before(ctx.text(x), n.start_byte())
                    })
                }) {
                    continue;
                }
                out.push(ctx.finding(
                    &META,
                    n,
                    format!(
                        "`{}` can wrap around before it is compared, and then the check passes; subtract instead (`b > limit - a` after checking `a <= limit`).",
                        ctx.text(sum).split_whitespace().collect::<Vec<_>>().join(" ")
                    ),
                ));
                return;
            }
        });
    }
}

/// The comparison decides a branch: an `if`/ternary condition (possibly
/// under `&&`, `||`, `!`, parentheses) or an argument of an assert-like
/// check call (`assert`, `luaL_argcheck`, `BUG_ON`, `WARN_ON`).
fn in_check(ctx: &CContext, n: Node) -> bool {
    let mut cur = n;
    while let Some(p) = cur.parent_node() {
        match p.node_kind() {
            "parenthesized_expression" | "unary_expression" => {}
            "binary_expression"
                if matches!(p.field("operator").map(|o| ctx.text(o)), Some("&&" | "||")) => {}
            "if_statement" | "conditional_expression" => {
                return p.field("condition") == Some(cur);
            }
            "argument_list" => {
                let name = p
                    .parent_node()
                    .map(|c| ctx.model.call_name(c).to_ascii_lowercase())
                    .unwrap_or_default();
                return name.contains("assert")
                    || name.contains("check")
                    || name.ends_with("bug_on")
                    || name.ends_with("warn_on")
                    || name == "unlikely"
                    || name == "likely";
            }
            _ => return false,
        }
        cur = p;
    }
    false
}

fn is_op(ctx: &CContext, n: Node, op: &str) -> bool {
    n.node_kind() == "binary_expression" && n.field("operator").map(|o| ctx.text(o)) == Some(op)
}

/// The terms of a sum, looking through parentheses and casts.
fn addends<'t>(ctx: &CContext, n: Node<'t>, out: &mut Vec<Node<'t>>) {
    let n = strip_parens_casts(n);
    if is_op(ctx, n, "+") {
        for side in ["left", "right"] {
            if let Some(c) = n.field(side) {
                addends(ctx, c, out);
            }
        }
    } else {
        out.push(n);
    }
}

/// A term that can hold an arbitrary run-time value: a variable, a field,
/// a dereference or a call other than a measuring one; not a constant, a
/// `#define`, an all-caps macro, or a local taken from `strlen`/`sizeof`.
fn runtime_value(ctx: &CContext, func: &CFunction, t: Node) -> bool {
    if ctx.model.const_int(t).is_some() {
        return false;
    }
    match t.node_kind() {
        "identifier" => {
            let name = ctx.text(t);
            !name
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
                && !measured_local(ctx, func, name)
        }
        "field_expression" | "pointer_expression" | "subscript_expression" => true,
        "call_expression" => {
            let name = ctx.model.call_name(t);
            !MEASURES.contains(&name)
                && !name
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        }
        // `a * b` inside a sum: a run-time value when it has a variable (a
        // difference `t2 - t1` is a distance between related values).
        "binary_expression" if is_op(ctx, t, "*") || is_op(ctx, t, "<<") => {
            ast::preorder_any(t, |x| {
                matches!(x.node_kind(), "identifier" | "field_expression")
                    && runtime_value(ctx, func, x)
            })
        }
        _ => false,
    }
}

/// `name` is a local whose every assignment is a measurement
/// (`size_t n = strlen(s);`).
fn measured_local(ctx: &CContext, func: &CFunction, name: &str) -> bool {
    let mut seen = false;
    let mut all_measured = true;
    func.preorder(|n| {
        let (target, value) = match n.node_kind() {
            "init_declarator" => (n.field("declarator"), n.field("value")),
            "assignment_expression" => (n.field("left"), n.field("right")),
            _ => return,
        };
        let (Some(target), Some(value)) = (target, value) else {
            return;
        };
        if crate::c::model::declarator_name(target, ctx.src()).as_deref() != Some(name) {
            return;
        }
        seen = true;
        let value = strip_parens_casts(value);
        let measured = value.node_kind() == "sizeof_expression"
            || (value.node_kind() == "call_expression"
                && MEASURES.contains(&ctx.model.call_name(value)));
        all_measured &= measured;
    });
    seen && all_measured
}
