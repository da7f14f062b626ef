//! ## CWE-730: inefficient regular expression (`py/redos`)
//!
//! ### What it does
//! Finds literal regular expressions with nested or overlapping
//! quantifiers, such as `(a+)+`, `(\w*)*`, `(a|a)*` or `(.*,)*`, that take
//! exponential time to reject some inputs.
//!
//! ### Why is this bad?
//! A short crafted string makes the backtracking engine run for minutes,
//! tying up the worker (denial of service).
//!
//! ### Example
//! ```python
//! EMAIL = re.compile(r"^([a-zA-Z0-9]+)*@example\.com$")
//! ```
//!
//! ### Use instead
//! ```python
//! EMAIL = re.compile(r"^[a-zA-Z0-9]+@example\.com$")
//! ```
//!
//! ### References
//! - MITRE, CWE-730: <https://cwe.mitre.org/data/definitions/730.html>

use super::PyContext;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::python::model::{string_value, Args};
use crate::source::Language;
use regex::Regex;
use std::sync::LazyLock;

pub static META: RuleMeta = RuleMeta {
    id: "py/redos",
    cwe: crate::Cwe::new(730),
    name: "Inefficient regular expression",
    language: Language::Python,
    severity: Severity::Medium,
    summary: "A regular expression can take exponential time on crafted input.",
};

/// A group whose body ends in `+` or `*` and that is itself repeated.
static NESTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\((?:\?:)?[^()]*[+*]\)[+*{]").expect("valid regex"));

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    let src = ctx.src();
    for call in ctx.calls_where(|q| {
        matches!(
            q,
            "re.compile"
                | "re.match"
                | "re.search"
                | "re.fullmatch"
                | "re.findall"
                | "re.finditer"
                | "re.sub"
                | "re.split"
        )
    }) {
        let Some(pat) = Args::of(call.node, src).get(0, "pattern") else {
            continue;
        };
        let Some(value) = string_value(pat, src) else {
            continue;
        };
        if NESTED.is_match(&value) {
            out.push(ctx.finding(
                &META,
                pat,
                format!("`{value}` repeats a group that itself repeats: matching can take exponential time."),
            ));
        }
    }
}
