//! ## CWE-787: off-by-one write into a fixed array (`c/off-by-one-write`)
//!
//! ### What it does
//! Finds writes to an array at its length: loops
//! `for (i = 0; i <= N; i++) buf[i] = …` over `T buf[N]` or up to a
//! run-time length (`i <= len`, `i <= count`), and constant indexes
//! `buf[N] = …` (including `buf[sizeof buf]`).
//!
//! ### Why is this bad?
//! Index `N` is one past the last element: the write corrupts whatever
//! follows the array (often another variable, a canary or a saved pointer).
//!
//! ### Example
//! ```c
//! int buf[10];
//! for (int i = 0; i <= 10; i++) buf[i] = 0;
//! ```
//!
//! ### Use instead
//! ```c
//! int buf[10];
//! for (int i = 0; i < 10; i++) buf[i] = 0;
//! ```
//!
//! ### References
//! - MITRE, CWE-787: <https://cwe.mitre.org/data/definitions/787.html>

use super::CContext;
use crate::ast::NodeExt;
use crate::ast::{self, text};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;
use tree_sitter::Node;

pub static META: RuleMeta = RuleMeta {
    id: "c/off-by-one-write",
    cwe: crate::Cwe::new(787),
    name: "Off-by-one write into a fixed array",
    language: Language::C,
    severity: Severity::High,
    summary: "An array is written at an index equal to its length.",
};

fn written_subscripts<'t>(root: Node<'t>) -> Vec<Node<'t>> {
    let mut out = Vec::new();
    ast::preorder(root, |n| {
        if n.node_kind() == "assignment_expression" {
            if let Some(l) = n.field("left") {
                if l.node_kind() == "subscript_expression" {
                    out.push(l);
                }
            }
        }
    });
    out
}

pub fn check(ctx: &CContext, out: &mut Vec<Finding>) {
    let s = ctx.src();
    for (func, _) in ctx.functions() {
        // Constant index equal to the length.
        for sub in written_subscripts(func.body) {
            let (Some(arr), Some(idx)) = (sub.field("argument"), sub.field("index")) else {
                continue;
            };
            let Some(len) = func.array_len(ctx.model, text(arr, s)) else {
                continue;
            };
            let idx_val = ctx.model.const_int(idx).or_else(|| {
                let t = text(idx, s).replace(' ', "");
                (t == format!("sizeof({})", text(arr, s)) || t == format!("sizeof{}", text(arr, s)))
                    .then_some(len)
            });
            if idx_val.is_some_and(|v| v >= len) {
                let mut f = ctx.finding(
                    &META,
                    sub,
                    format!(
                        "`{}` has {len} elements; index {} is past its end.",
                        text(arr, s),
                        text(idx, s)
                    ),
                );
                if idx_val == Some(len) {
                    f.fix = ctx.fix(
                        "Write the last element instead",
                        vec![ctx.edit(idx, format!("{} - 1", text(idx, s)))],
                    );
                }
                out.push(f);
            }
        }
        // `for (i = …; i <= N; …) a[i] = …` with `a[N]`.
        func.preorder(|n| {
            if n.node_kind() != "for_statement" {
                return;
            }
            let Some(cond) = n.field("condition") else {
                return;
            };
            if cond.node_kind() != "binary_expression" {
                return;
            }
            let op = cond
                .field("operator")
                .map(|o| text(o, s))
                .unwrap_or("");
            let (Some(l), Some(r)) = (
                cond.field("left"),
                cond.field("right"),
            ) else {
                return;
            };
            if op != "<=" || l.node_kind() != "identifier" {
                return;
            }
            let Some(bound) = ctx.model.const_int(r).or_else(|| {
                let t = text(r, s).replace(' ', "");
                t.strip_prefix("sizeof(")
                    .and_then(|x| x.strip_suffix(')'))
                    .and_then(|a| func.array_len(ctx.model, a))
            }) else {
                // `for (i = 0; i <= len; i++) buf[i] = …` with a run-time
                // length: index `len` is one past a buffer of `len` items.
                if super::cwe_125_off_by_one_bounds_check::length_like(text(r, s)) {
                    let var = text(l, s);
                    if let Some(body) = n.field("body") {
                        if let Some(sub) = written_subscripts(body).into_iter().find(|w| {
                            w.field("index")
                                .is_some_and(|i| text(i, s) == var)
                                && w.field("argument").is_some_and(|a| {
                                    func.array_len(ctx.model, text(a, s)).is_none()
                                })
                        }) {
                            let mut f = ctx.finding(
                                &META,
                                sub,
                                format!("The loop runs `{var}` up to `{}` inclusive: one past the end of a buffer of `{}` items.", text(r, s), text(r, s)),
                            );
                            if let Some(o) = cond.field("operator") {
                                f.fix = ctx.fix("Stop before the length", vec![ctx.edit(o, "<")]);
                            }
                            out.push(f);
                        }
                    }
                }
                return;
            };
            let var = text(l, s);
            let Some(body) = n.field("body") else {
                return;
            };
            for sub in written_subscripts(body) {
                let (Some(arr), Some(idx)) = (
                    sub.field("argument"),
                    sub.field("index"),
                ) else {
                    continue;
                };
                if text(idx, s) != var {
                    continue;
                }
                if func.array_len(ctx.model, text(arr, s)) == Some(bound) {
                    let mut f = ctx.finding(
                        &META,
                        sub,
                        format!(
                            "The loop runs `{var}` up to {bound}, one past the end of `{}`.",
                            text(arr, s)
                        ),
                    );
                    if let Some(o) = cond.field("operator") {
                        f.fix = ctx.fix("Stop before the array length", vec![ctx.edit(o, "<")]);
                    }
                    out.push(f);
                }
            }
        });
    }
}
