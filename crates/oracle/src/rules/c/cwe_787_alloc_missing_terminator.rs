//! ## CWE-787: a string copied into an allocation with no room for its terminator (`c/alloc-missing-terminator`)
//!
//! ### What it does
//! Finds `p = malloc(strlen(a))` or `p = malloc(strlen(a) + strlen(b))` — a sum of string
//! lengths with nothing added for the terminator — followed in the same function by a
//! `strcpy`, `strcat`, `sprintf` or `stpcpy` into `p`, which write the strings *and* a
//! terminating NUL.
//!
//! ### Why is this bad?
//! The copy writes one byte past the allocation: heap metadata or the next object is
//! overwritten (CWE-131, CWE-193). The slip is common in hand-written `join`/`dup` helpers.
//!
//! ### Example
//! ```c
//! char *out = malloc(strlen(a) + strlen(b));
//! strcpy(out, a);
//! strcat(out, b);
//! ```
//!
//! ### Use instead
//! ```c
//! char *out = malloc(strlen(a) + strlen(b) + 1);
//! ```
//!
//! ### References
//! - MITRE CWE-131, Incorrect Calculation of Buffer Size; CWE-193, Off-by-one Error.

use super::CContext;
use crate::ast::{text, NodeExt};
use crate::c::model::{call_args, strip_parens_casts};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;
use tree_sitter::Node;

pub static META: RuleMeta = RuleMeta {
    id: "c/alloc-missing-terminator",
    cwe: crate::Cwe::new(787),
    name: "String copied into an allocation with no room for its terminator",
    language: Language::C,
    severity: Severity::High,
    summary: "malloc(strlen(…)) without + 1, then a string copy that writes the terminator.",
};

/// `strlen(a)`, `strlen(a) + strlen(b)`, … : string lengths only, nothing added.
fn lengths_only(ctx: &CContext, n: Node) -> bool {
    let n = strip_parens_casts(n);
    match n.node_kind() {
        "call_expression" => matches!(ctx.model.call_name(n), "strlen" | "strnlen"),
        "binary_expression" => {
            n.field("operator").is_some_and(|o| text(o, ctx.src()) == "+")
                && n.field("left").is_some_and(|l| lengths_only(ctx, l))
                && n.field("right").is_some_and(|r| lengths_only(ctx, r))
        }
        _ => false,
    }
}

pub fn check(ctx: &CContext, out: &mut Vec<Finding>) {
    let s = ctx.src();
    for (func, _) in ctx.functions() {
        for &n in &func.nodes {
            let (target, value) = match n.node_kind() {
                "init_declarator" => (
                    n.field("declarator")
                        .and_then(|d| crate::c::model::declarator_name(d, s)),
                    n.field("value"),
                ),
                "assignment_expression" => (
                    n.field("left")
                        .map(strip_parens_casts)
                        .filter(|l| l.node_kind() == "identifier")
                        .map(|l| text(l, s).to_string()),
                    n.field("right"),
                ),
                _ => continue,
            };
            let (Some(target), Some(value)) = (target, value.map(strip_parens_casts)) else {
                continue;
            };
            if value.node_kind() != "call_expression"
                || ctx.model.call_name(value) != "malloc"
                || !call_args(value).first().is_some_and(|a| lengths_only(ctx, *a))
            {
                continue;
            }
            // The first string write into `target` after the allocation, before anything
            // gives `target` another value.
            for &(call, name) in &func.calls {
                if call.start_byte() <= n.end_byte() {
                    continue;
                }
                let reassigned = func.assigns.iter().any(|(p, t, _)| {
                    *p > n.end_byte() && *p < call.start_byte() && *t == target
                });
                if reassigned {
                    break;
                }
                if !matches!(name, "strcpy" | "strcat" | "sprintf" | "stpcpy") {
                    continue;
                }
                let into = call_args(call)
                    .first()
                    .and_then(|a| crate::c::model::root_name(*a, s));
                if into.as_deref() == Some(target.as_str()) {
                    out.push(ctx.finding(
                        &META,
                        call,
                        format!(
                            "`{target}` was allocated with `{}` bytes, no room for the terminator `{name}` writes after the characters.",
                            ctx.text(call_args(value)[0])
                        ),
                    ));
                    break;
                }
            }
        }
    }
}
