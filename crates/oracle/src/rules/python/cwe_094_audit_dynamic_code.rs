//! ## CWE-094: `eval`/`exec` of a non-constant string (`py/audit-dynamic-code`, audit profile)
//!
//! ### What it does
//! Finds `eval`, `exec` and `compile` of anything but a constant. Only in `--profile audit`;
//! `py/code-injection` reports the proven flows.
//!
//! ### Why is this bad?
//! Whoever controls any part of the string runs Python with the program's rights.
//!
//! ### Example
//! ```python
//! def total(expression):
//!     return eval(expression)
//! ```
//!
//! ### Use instead
//! ```python
//! import ast
//!
//! def total(expression):
//!     return ast.literal_eval(expression)
//! ```
//!
//! ### References
//! - MITRE, CWE-094: <https://cwe.mitre.org/data/definitions/94.html>
//! - Bandit B307: <https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html>

use super::PyContext;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/audit-dynamic-code",
    cwe: crate::Cwe::new(94),
    name: "Code evaluated from a non-constant string",
    language: Language::Python,
    severity: Severity::Medium,
    summary: "eval/exec run code that is not a constant.",
};

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    ctx.audit_calls(
        &META,
        out,
        |q| matches!(q, "eval" | "exec" | "compile" | "builtins.eval" | "builtins.exec"),
        |a| a.get(0, "source"),
        |q| format!("`{q}` runs code that is not a constant."),
    );
}
