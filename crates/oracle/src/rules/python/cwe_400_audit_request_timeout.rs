//! ## CWE-400: an HTTP request without a timeout (`py/audit-request-timeout`, audit profile)
//!
//! ### What it does
//! Finds `requests` calls (`requests.get`, `post`, `put`, `patch`, `delete`, `head`,
//! `request`) with no `timeout=` argument, or `timeout=None`. Only in `--profile audit`.
//!
//! ### Why is this bad?
//! `requests` waits forever by default: a slow or hostile server holds the worker (and its
//! thread or connection slot) indefinitely, a cheap denial of service (Bandit B113).
//!
//! ### Example
//! ```python
//! resp = requests.get(url)
//! ```
//!
//! ### Use instead
//! ```python
//! resp = requests.get(url, timeout=10)
//! ```
//!
//! ### References
//! - MITRE, CWE-400: <https://cwe.mitre.org/data/definitions/400.html>
//! - Bandit B113: <https://bandit.readthedocs.io/en/latest/plugins/b113_request_without_timeout.html>

use super::PyContext;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::python::model::Args;
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/audit-request-timeout",
    cwe: crate::Cwe::new(400),
    name: "HTTP request without a timeout",
    language: Language::Python,
    severity: Severity::Low,
    summary: "A requests call has no timeout, so a slow server blocks it forever.",
};

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    let s = ctx.src();
    for call in ctx.calls_where(|q| {
        matches!(
            q,
            "requests.get" | "requests.post" | "requests.put" | "requests.patch"
                | "requests.delete" | "requests.head" | "requests.options" | "requests.request"
        )
    }) {
        let args = Args::of(call.node, s);
        if args.has_splat {
            continue;
        }
        let timeout = args.keyword("timeout");
        if timeout.is_some_and(|t| ctx.text(t) != "None") {
            continue;
        }
        out.push(ctx.finding(
            &META,
            call.node,
            format!("`{}` has no timeout: pass `timeout=` so a slow server cannot hold it forever.", call.qualname),
        ));
    }
}
