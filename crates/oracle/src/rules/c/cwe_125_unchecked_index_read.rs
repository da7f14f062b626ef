//! ## CWE-125: out-of-bounds read with an unchecked index (`c/unchecked-index-read`)
//!
//! ### What it does
//! Finds array or pointer reads `a[i]` whose index comes from untrusted
//! data — `argv`, input, `atoi(...)`, or a parameter of the function — and
//! that no comparison, clamp (`MIN`), modulo or mask bounds before the read.
//!
//! ### Why is this bad?
//! A negative or too-large index reads memory outside the object: other
//! data, secrets, or an unmapped page (crash).
//!
//! ### Example
//! ```c
//! int get(int *values, int i) {
//!     return values[i];
//! }
//! ```
//!
//! ### Use instead
//! ```c
//! int get(int *values, size_t len, int i) {
//!     if (i < 0 || (size_t)i >= len) return -1;
//!     return values[i];
//! }
//! ```
//!
//! ### References
//! - MITRE, CWE-125: <https://cwe.mitre.org/data/definitions/125.html>

use super::CContext;
use crate::ast;
use crate::ast::NodeExt;
use crate::c::concepts::src;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;
use tree_sitter::Node;

pub static META: RuleMeta = RuleMeta {
    id: "c/unchecked-index-read",
    cwe: crate::Cwe::new(125),
    name: "Out-of-bounds read with an unchecked index",
    language: Language::C,
    severity: Severity::High,
    summary: "An array is read at an untrusted index that is never bounds-checked.",
};

/// True if the subscript is written to or only has its address taken.
pub(crate) fn is_write_or_address(sub: Node) -> bool {
    let Some(p) = sub.parent_node() else { return false };
    match p.node_kind() {
        "assignment_expression" => p.field("left") == Some(sub),
        "pointer_expression" => p.child(0).is_some_and(|c| c.node_kind() == "&"),
        "update_expression" => true,
        _ => false,
    }
}

/// Identifiers and outermost field paths of an index expression.
pub(crate) fn index_variables(idx: Node, s: &str) -> Vec<String> {
    let mut out = Vec::new();
    ast::preorder(idx, |n| {
        let inside_field = n
            .parent_node()
            .is_some_and(|p| p.node_kind() == "field_expression");
        match n.node_kind() {
            "field_expression" if !inside_field => out.push(ast::text(n, s).to_string()),
            "identifier" if !inside_field => {
                let is_callee = n.parent_node().is_some_and(|p| {
                    p.node_kind() == "call_expression" && p.field("function") == Some(n)
                });
                if !is_callee {
                    out.push(ast::text(n, s).to_string());
                }
            }
            _ => {}
        }
    });
    out
}

/// An input-derived signed index that some comparison bounds from above (`if (i < 10)`)
/// but nothing from below: the classic underflow, as `if (i >= 0)` alone is the overflow.
/// Only for data from outside the program (a parameter of unknown origin is left to the
/// callers), and only where the variable's type is a known signed integer.
pub(crate) fn only_upper_bound<'v>(
    model: &crate::c::model::CModel,
    func: &crate::c::model::CFunction,
    tainted: &[&'v String],
    taint: &crate::c::taint::FunctionTaint,
    at: Node,
    s: &str,
) -> Option<&'v String> {
    // The index is the variable itself (`buf[i]`, not `buf[len - i - 1]`), a value read
    // from input that no loop steps (`i++` counts up from a start of its own).
    let idx = at.field("index")?;
    if idx.node_kind() != "identifier" {
        return None;
    }
    let stepped = |v: &str| {
        func.nodes.iter().any(|&n| {
            let target = match n.node_kind() {
                "update_expression" => n.field("argument"),
                "assignment_expression"
                    if n.field("operator").is_some_and(|o| ast::text(o, s) != "=") =>
                {
                    n.field("left")
                }
                _ => None,
            };
            target.is_some_and(|t| ast::text(t, s) == v)
        })
    };
    tainted.iter().copied().find(|v| {
        v.as_str() == ast::text(idx, s)
            && taint.var(v).is(src::LOCAL | src::REMOTE)
            && func.signed_integer(s, v)
            && !stepped(v)
            && !func.lower_bounded_before(model, v, at.start_byte())
    })
}

pub fn check(ctx: &CContext, out: &mut Vec<Finding>) {
    let s = ctx.src();
    for (func, taint) in ctx.functions() {
        let is_main = func.name == "main";
        func.preorder(|n| {
            if n.node_kind() != "subscript_expression" || is_write_or_address(n) {
                return;
            }
            let (Some(arr), Some(idx)) = (
                n.field("argument"),
                n.field("index"),
            ) else {
                return;
            };
            let arr_text = ctx.text(arr);
            // argv[i] itself is bounded by argc, which main checks by convention.
            if is_main && arr_text == "argv" {
                return;
            }
            if ctx.model.const_int(idx).is_some()
                || crate::c::storage::is_own_length_index(func, arr, idx, s)
            {
                return;
            }
            let t = taint.of(idx, s);
            if !t.is(src::LOCAL | src::REMOTE | src::PARAM | src::RANDOM) {
                return;
            }
            // The index's variables: a struct field counts as its whole path
            // (`hdr->len`), so a check of `hdr` for NULL is not a bound.
            let vars = index_variables(idx, s);
            let tainted_vars: Vec<&String> = vars
                .iter()
                .filter(|v| {
                    let base = v.split(['-', '.', '[']).next().unwrap_or(v);
                    taint.var(v).src != 0 || taint.var(base).src != 0
                })
                .collect();
            let unchecked = if tainted_vars.is_empty() {
                // A direct conversion: `a[atoi(argv[1])]`.
                idx.node_kind() == "call_expression"
            } else {
                tainted_vars
                    .iter()
                    .all(|v| !func.bounded_before(v, n.start_byte()))
            };
            if unchecked {
                out.push(ctx.finding(
                    &META,
                    n,
                    format!("`{}` is read at index `{}`, which comes from untrusted data and is never bounds-checked.", arr_text, ctx.text(idx)),
                ));
            } else if let Some(v) = only_upper_bound(ctx.model, func, &tainted_vars, taint, n, s) {
                out.push(ctx.finding(
                    &META,
                    n,
                    format!("`{arr_text}` is read at index `{}`; `{v}` comes from untrusted data and is checked only from above, so a negative value reads before the array.", ctx.text(idx)),
                ));
            }
        });
    }
}
