//! ## CWE-079: reflected cross-site scripting (`py/reflective-xss`)
//!
//! ### What it does
//! Finds request data written into an HTTP response without HTML escaping:
//! returned from a Flask/FastAPI route, passed to `make_response`,
//! `Response`, Django's `HttpResponse`, `mark_safe` or `Markup`.
//!
//! ### Why is this bad?
//! `<script>…</script>` in a parameter runs in the victim's browser with the
//! site's cookies and origin.
//!
//! ### Example
//! ```python
//! @app.route("/hello")
//! def hello():
//!     name = request.args.get("name")
//!     return "<p>Hello " + name + "</p>"
//! ```
//!
//! ### Use instead
//! ```python
//! from markupsafe import escape
//! return "<p>Hello " + escape(name) + "</p>"
//! ```
//!
//! ### References
//! - MITRE, CWE-079: <https://cwe.mitre.org/data/definitions/79.html>

use super::{report_flows, PyContext};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::python::concepts::SinkKind;
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/reflective-xss",
    cwe: crate::Cwe::new(79),
    name: "Reflected server-side cross-site scripting",
    language: Language::Python,
    severity: Severity::High,
    summary: "User input is written to an HTML response without escaping.",
};

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    report_flows(
        ctx,
        out,
        &META,
        SinkKind::Xss,
        "The response body of",
        |flow| {
            let mut edits = vec![ctx.edit(
                flow.arg,
                format!("html.escape(str({}))", ctx.text(flow.arg)),
            )];
            edits.extend(ctx.add_import("html"));
            ctx.fix("Escape the value with html.escape", edits)
        },
    );
}
