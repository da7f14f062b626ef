//! ## CWE-787: a file-scope array filled at a counter nothing compares (`c/unbounded-counter-write`)
//!
//! ### What it does
//! Finds writes `items[count] = …` (or `items[count++] = …`) into a file-scope array of
//! known length, where `count` is a file-scope integer the same function increments and no
//! function of the file ever compares `count` with anything. Each call stores one more
//! element; nothing stops at the array's end.
//!
//! ### Why is this bad?
//! The caller decides how many times the function runs — often once per input record — so
//! the input decides how far past the array the writes go: into the counter itself, other
//! globals, function pointers.
//!
//! ### Example
//! ```c
//! static int items[8];
//! static int count;
//! void add_item(int v) { items[count] = v; count++; }
//! ```
//!
//! ### Use instead
//! ```c
//! void add_item(int v) {
//!     if (count >= 8) return;
//!     items[count] = v;
//!     count++;
//! }
//! ```
//!
//! ### References
//! - MITRE CWE-787, Out-of-bounds Write; CWE-129, Improper Validation of Array Index.

use super::CContext;
use crate::ast::{text, NodeExt};
use crate::c::model::strip_parens_casts;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;
use std::collections::HashSet;

pub static META: RuleMeta = RuleMeta {
    id: "c/unbounded-counter-write",
    cwe: crate::Cwe::new(787),
    name: "Array filled at a counter that is never compared",
    language: Language::C,
    severity: Severity::High,
    summary: "A file-scope array is written at a file-scope counter that nothing bounds.",
};

pub fn check(ctx: &CContext, out: &mut Vec<Finding>) {
    let s = ctx.src();
    let model = ctx.model;
    if model.global_arrays.is_empty() {
        return;
    }
    // Every name any condition or comparison of the file mentions: a counter in one of them
    // may be bounded there (`if (count >= MAX) return;`, `while (n < 8) add();`).
    let mut compared: HashSet<&str> = HashSet::new();
    for f in &model.functions {
        for (_, ids) in f.conditions.iter().chain(f.bounds.iter()) {
            compared.extend(ids.iter().map(String::as_str));
        }
    }
    for (func, _) in ctx.functions() {
        // The counters this function steps: `count++`, `++count`, `count += 1`.
        let mut stepped: Vec<&str> = Vec::new();
        for &n in &func.nodes {
            let target = match n.node_kind() {
                "update_expression" if text(n, s).contains("++") => n.field("argument"),
                "assignment_expression"
                    if n.field("operator").is_some_and(|o| text(o, s) == "+=") =>
                {
                    n.field("left")
                }
                _ => None,
            };
            if let Some(t) = target.map(strip_parens_casts) {
                if t.node_kind() == "identifier" {
                    stepped.push(text(t, s));
                }
            }
        }
        for &n in &func.nodes {
            if n.node_kind() != "subscript_expression"
                || !super::cwe_787_unchecked_index_write::is_written(n)
            {
                continue;
            }
            let (Some(arr), Some(idx)) = (n.field("argument"), n.field("index")) else {
                continue;
            };
            let idx = strip_parens_casts(idx);
            let counter = match idx.node_kind() {
                "update_expression" => idx.field("argument").map(strip_parens_casts),
                "identifier" => Some(idx),
                _ => None,
            };
            let Some(c) = counter.filter(|c| c.node_kind() == "identifier") else {
                continue;
            };
            let (name, counter) = (text(arr, s), text(c, s));
            let global = |v: &str| {
                model.file_scope.iter().any(|g| g == v) && func.declared_type(s, v).is_none()
            };
            let Some(&len) = model.global_arrays.get(name) else {
                continue;
            };
            if !global(name)
                || !global(counter)
                || !stepped.contains(&counter)
                || compared.contains(counter)
            {
                continue;
            }
            out.push(ctx.finding(
                &META,
                n,
                format!(
                    "`{name}` ({len} elements) is written at `{counter}`, a file-scope counter this function steps and no function of the file compares with anything."
                ),
            ));
        }
    }
}
