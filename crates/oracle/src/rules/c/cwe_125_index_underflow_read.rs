//! ## CWE-125: read at `len - 1` with `len` never checked (`c/index-underflow-read`)
//!
//! ### What it does
//! Finds reads `a[n - K]` (K a positive constant) where `n` is a parameter,
//! a struct field or a length-named variable (`len`, `size`, `count` …) that
//! no condition in the function ever tests.
//!
//! ### Why is this bad?
//! When `n` is 0 (an empty name, an empty packet, a zero count) the index
//! is negative — or, for an unsigned `n`, wraps to a huge value — and the
//! read lands before or far beyond the object.
//!
//! ### Example
//! ```c
//! static int ends_with_dot(const char *name, size_t len) {
//!     return name[len - 1] == '.';
//! }
//! ```
//!
//! ### Use instead
//! ```c
//! static int ends_with_dot(const char *name, size_t len) {
//!     if (len == 0)
//!         return 0;
//!     return name[len - 1] == '.';
//! }
//! ```
//!
//! ### References
//! - MITRE, CWE-125: <https://cwe.mitre.org/data/definitions/125.html>

use super::CContext;
use crate::ast;
use crate::ast::NodeExt;
use crate::c::model::squeezed;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "c/index-underflow-read",
    cwe: crate::Cwe::new(125),
    name: "Read at `n - 1` with `n` never checked",
    language: Language::C,
    severity: Severity::Medium,
    summary: "An array is read at `n - K` while `n` may be zero.",
};

fn length_like(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    ["len", "size", "count", "num"]
        .iter()
        .any(|k| n.contains(k))
}

pub fn check(ctx: &CContext, out: &mut Vec<Finding>) {
    for (func, _) in ctx.functions() {
        func.preorder(|n| {
            if n.node_kind() != "subscript_expression" {
                return;
            }
            let Some(idx) = n.field("index") else {
                return;
            };
            if idx.node_kind() != "binary_expression"
                || idx.field("operator").map(|o| ctx.text(o)) != Some("-")
            {
                return;
            }
            let (Some(left), Some(right)) = (idx.field("left"), idx.field("right")) else {
                return;
            };
            if ctx.model.const_int(right).is_none_or(|k| k < 1) {
                return;
            }
            let var = squeezed(ctx.text(left));
            let candidate = match left.node_kind() {
                "identifier" => func.param_index(&var).is_some() || length_like(&var),
                "field_expression" => true,
                _ => false,
            };
            if !candidate || ctx.model.const_int(left).is_some() {
                return;
            }
            // Written, not read: `a[n - 1] = 0` is another weakness (a write).
            if n.parent_node().is_some_and(|p| {
                (p.node_kind() == "assignment_expression" && p.field("left") == Some(n))
                    || p.node_kind() == "update_expression"
            }) {
                return;
            }
            let tested = func
                .conditions
                .iter()
                .any(|(_, ids)| ids.iter().any(|i| i == &var))
                || compared(ctx, func.body, &var);
            if tested || callers_test(ctx, func, &var, ctx.model.const_int(right).unwrap_or(1)) {
                return;
            }
            out.push(ctx.finding(
                &META,
                n,
                format!(
                    "`{}` is read at `{}`, and `{var}` is never checked, so it may be 0.",
                    ctx.text(n.field("argument").unwrap_or(n)),
                    ctx.text(idx)
                ),
            ));
        });
    }
}

/// `var` is a parameter, and every call of the function in the file (at least one) passes
/// a constant of at least `k` or a variable its caller tested before the call (`if (m < 1
/// || m > 12) return 1; … days(m)`), as this function would have had to.
fn callers_test(ctx: &CContext, func: &crate::c::model::CFunction, var: &str, k: i64) -> bool {
    let Some(i) = func.param_index(var) else {
        return false;
    };
    let s = ctx.src();
    let mut calls = 0;
    for (caller, call) in ctx.model.calls_of(&func.name) {
        let Some(arg) = crate::c::model::call_args(call).get(i).copied() else {
            return false;
        };
        let ok = ctx.model.const_int(arg).is_some_and(|c| c >= k)
            || (arg.node_kind() == "identifier"
                && caller.tested_before(ast::text(arg, s), call.start_byte()));
        if !ok {
            return false;
        }
        calls += 1;
    }
    calls > 0
}

/// `var` is an operand of a comparison somewhere in `body` — itself, not inside a subscript
/// of one (`name[len - 1] == '.'` compares a character, not `len`).
fn compared(ctx: &CContext, body: tree_sitter::Node, var: &str) -> bool {
    let mut found = false;
    ast::preorder(body, |n| {
        if found || n.node_kind() != "binary_expression" {
            return;
        }
        let op = n.field("operator").map(|o| ctx.text(o));
        if !matches!(op, Some("<" | "<=" | ">" | ">=" | "==" | "!=")) {
            return;
        }
        for side in ["left", "right"] {
            if let Some(operand) = n.field(side) {
                found |= mentions_outside_subscripts(ctx, operand, var);
            }
        }
    });
    found
}

fn mentions_outside_subscripts(ctx: &CContext, n: tree_sitter::Node, var: &str) -> bool {
    if n.node_kind() == "subscript_expression" {
        return false;
    }
    if matches!(n.node_kind(), "identifier" | "field_expression") && squeezed(ctx.text(n)) == var {
        return true;
    }
    ast::named_children(n)
        .into_iter()
        .any(|c| mentions_outside_subscripts(ctx, c, var))
}
