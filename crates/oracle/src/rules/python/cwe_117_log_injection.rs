//! ## CWE-117: log injection (`py/log-injection`)
//!
//! ### What it does
//! Finds request data written to a log (`logging.*`, `app.logger.*`, any
//! `logger.info`…) without removing line breaks.
//!
//! ### Why is this bad?
//! A value containing `\n` forges new log entries ("admin logged in"),
//! hiding an attack or misleading whoever reads the log.
//!
//! ### Example
//! ```python
//! name = request.args.get("name")
//! app.logger.info("User name: " + name)
//! ```
//!
//! ### Use instead
//! ```python
//! name = request.args.get("name", "").replace("\r", "").replace("\n", "")
//! app.logger.info("User name: %s", name)
//! ```
//!
//! ### References
//! - MITRE, CWE-117: <https://cwe.mitre.org/data/definitions/117.html>

use super::{report_flows, PyContext};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::python::concepts::SinkKind;
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/log-injection",
    cwe: crate::Cwe::new(117),
    name: "Log Injection",
    language: Language::Python,
    severity: Severity::Medium,
    summary: "User input is written to a log without removing line breaks.",
};

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    report_flows(
        ctx,
        out,
        &META,
        SinkKind::Log,
        "The log entry written by",
        |flow| {
            ctx.fix(
                "Remove line breaks before logging",
                vec![ctx.edit(
                    flow.arg,
                    format!(
                        "str({}).replace('\\r', '').replace('\\n', '')",
                        ctx.text(flow.arg)
                    ),
                )],
            )
        },
    );
}
