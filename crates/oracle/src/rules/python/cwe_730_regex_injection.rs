//! ## CWE-730: regular expression injection (`py/regex-injection`)
//!
//! ### What it does
//! Finds regular expressions compiled from user input (`re.compile`,
//! `re.search`, `re.match`, … with a pattern from the request) without
//! `re.escape`.
//!
//! ### Why is this bad?
//! The user chooses the pattern: `(a+)+$` takes exponential time on a short
//! input and stalls the worker (ReDoS), and meta-characters change what is
//! matched.
//!
//! ### Example
//! ```python
//! pattern = request.args["pattern"]
//! re.search(pattern, text)
//! ```
//!
//! ### Use instead
//! ```python
//! re.search(re.escape(pattern), text)
//! ```
//!
//! ### References
//! - MITRE, CWE-730: <https://cwe.mitre.org/data/definitions/730.html>

use super::{report_flows, PyContext};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::python::concepts::SinkKind;
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/regex-injection",
    cwe: crate::Cwe::new(730),
    name: "Regular expression injection",
    language: Language::Python,
    severity: Severity::Medium,
    summary: "A regular expression is built from user input without escaping.",
};

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    report_flows(ctx, out, &META, SinkKind::Regex, "The pattern of", |flow| {
        ctx.fix(
            "Escape the user input with re.escape",
            vec![ctx.edit(flow.arg, format!("re.escape({})", ctx.text(flow.arg)))],
        )
    });
}
