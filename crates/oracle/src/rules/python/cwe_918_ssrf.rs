//! ## CWE-918: server-side request forgery (`py/ssrf`)
//!
//! ### What it does
//! Finds outgoing HTTP requests (`requests.*`, `httpx`, `urllib`,
//! `http.client`) whose URL or host is taken from the incoming request.
//!
//! ### Why is this bad?
//! The server fetches whatever the attacker names: cloud metadata
//! endpoints, internal admin services, or local files through `file://`.
//!
//! ### Example
//! ```python
//! url = request.args["url"]
//! return requests.get(url).text
//! ```
//!
//! ### Use instead
//! ```python
//! host = request.args["host"]
//! if host not in ALLOWED_HOSTS:
//!     abort(400)
//! return requests.get(f"https://{host}/status").text
//! ```
//!
//! ### References
//! - MITRE, CWE-918: <https://cwe.mitre.org/data/definitions/918.html>

use super::{report_flows, PyContext};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::python::concepts::SinkKind;
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/ssrf",
    cwe: crate::Cwe::new(918),
    name: "Server-side request forgery",
    language: Language::Python,
    severity: Severity::High,
    summary: "The URL of an outgoing request comes from user input.",
};

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    report_flows(
        ctx,
        out,
        &META,
        SinkKind::Ssrf,
        "The URL requested by",
        |_| None,
    );
}
