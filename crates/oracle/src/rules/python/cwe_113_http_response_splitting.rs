//! ## CWE-113: HTTP response splitting (`py/http-response-splitting`)
//!
//! ### What it does
//! Finds request data written into HTTP response headers
//! (`response.headers[name] = value`, `headers.add(name, value)`,
//! `headers.set(...)`) without removing line breaks.
//!
//! ### Why is this bad?
//! A value with `\r\n` ends the header block early: the attacker adds
//! headers (cookies, redirects) or a whole response body.
//!
//! ### Example
//! ```python
//! response.headers["Content-Type"] = request.args["type"]
//! ```
//!
//! ### Use instead
//! ```python
//! value = request.args["type"].replace("\r", "").replace("\n", "")
//! response.headers["Content-Type"] = value
//! ```
//!
//! ### References
//! - MITRE, CWE-113: <https://cwe.mitre.org/data/definitions/113.html>

use super::{report_flows, PyContext};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::python::concepts::SinkKind;
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/http-response-splitting",
    cwe: crate::Cwe::new(113),
    name: "HTTP Response Splitting",
    language: Language::Python,
    severity: Severity::Medium,
    summary: "User input is written to an HTTP header without removing line breaks.",
};

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    report_flows(
        ctx,
        out,
        &META,
        SinkKind::Header,
        "The header value set by",
        |_| None,
    );
}
