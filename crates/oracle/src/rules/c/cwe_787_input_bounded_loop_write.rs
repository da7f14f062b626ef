//! ## CWE-787: array written in a loop bounded by untrusted data (`c/input-bounded-loop-write`)
//!
//! ### What it does
//! Finds `for`/`while` loops whose condition compares the loop variable with a value from
//! input (`i < count`, `count > i`, `i <= n`) — read in this function or passed in by a
//! caller of this file — and whose body writes a fixed-size array at that loop variable
//! (`buffer[i] = …`), when nothing bounded the value before the loop.
//!
//! ### Why is this bad?
//! The loop runs as often as the input says, not as the array allows: a count above the
//! array's length writes past its end (a stack or global overflow, the classic way in).
//!
//! ### Example
//! ```c
//! int buffer[10];
//! for (i = 0; i < count; i++)   /* count read from stdin */
//!     buffer[i] = 0;
//! ```
//!
//! ### Use instead
//! ```c
//! if (count < 0 || count > 10) return;
//! for (i = 0; i < count; i++)
//!     buffer[i] = 0;
//! ```
//!
//! ### References
//! - MITRE CWE-787, Out-of-bounds Write; CWE-606, Unchecked Input for Loop Condition.

use super::cwe_787_unchecked_index_write::is_written;
use super::CContext;
use crate::ast::{self, text, NodeExt};
use crate::c::concepts::src;
use crate::c::model::CFunction;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;
use tree_sitter::Node;

pub static META: RuleMeta = RuleMeta {
    id: "c/input-bounded-loop-write",
    cwe: "CWE-787",
    name: "Array written in a loop bounded by untrusted data",
    language: Language::C,
    severity: Severity::Critical,
    summary: "A loop bounded by untrusted data writes a fixed-size array at its counter.",
};

pub fn check(ctx: &CContext, out: &mut Vec<Finding>) {
    let s = ctx.src();
    for (func, taint) in ctx.functions() {
        for &n in &func.nodes {
            if !matches!(n.node_kind(), "for_statement" | "while_statement") {
                continue;
            }
            let (Some(cond), Some(body)) = (n.field("condition"), n.field("body")) else {
                continue;
            };
            let Some((var, limit)) = counter_and_limit(cond, s) else {
                continue;
            };
            if ctx.model.const_int(limit).is_some()
                || !taint.of(limit, s).is(src::LOCAL | src::REMOTE)
                || limit_bounded(func, limit, n.start_byte(), s)
            {
                continue;
            }
            ast::preorder(body, |w| {
                if w.node_kind() != "subscript_expression" || !is_written(w) {
                    return;
                }
                let (Some(arr), Some(idx)) = (w.field("argument"), w.field("index")) else {
                    return;
                };
                if idx.node_kind() != "identifier" || text(idx, s) != var {
                    return;
                }
                let name = text(arr, s);
                let fixed =
                    func.arrays.contains_key(name) || ctx.model.global_arrays.contains_key(name);
                if fixed {
                    out.push(ctx.finding(
                        &META,
                        w,
                        format!(
                            "`{name}` is written at `{var}` in a loop that runs up to `{}`, which comes from untrusted data and is never bounded by the array's size.",
                            text(limit, s)
                        ),
                    ));
                }
            });
        }
    }
}

/// `i < n`, `i <= n`, `n > i`, `n >= i` (or `i != n`): the counter and its limit, when the
/// condition is that one comparison (a second test, `i < n && i < 10`, may be the bound).
fn counter_and_limit<'t>(cond: Node<'t>, s: &'t str) -> Option<(&'t str, Node<'t>)> {
    let mut c = cond;
    while c.node_kind() == "parenthesized_expression" {
        c = c.named_child(0)?;
    }
    if c.node_kind() != "binary_expression" {
        return None;
    }
    let op = text(c.field("operator")?, s);
    let (l, r) = (c.field("left")?, c.field("right")?);
    let (counter, limit) = match op {
        "<" | "<=" | "!=" => (l, r),
        ">" | ">=" => (r, l),
        _ => return None,
    };
    (counter.node_kind() == "identifier").then(|| (text(counter, s), limit))
}

/// The limit (or each variable in it) was compared before the loop.
fn limit_bounded(func: &CFunction, limit: Node, at: usize, s: &str) -> bool {
    let mut vars = Vec::new();
    ast::preorder(limit, |n| {
        if n.node_kind() == "identifier" {
            vars.push(text(n, s));
        }
    });
    !vars.is_empty() && vars.iter().any(|v| func.bounded_before(v, at))
}
