//! ## CWE-601: open redirect (`py/url-redirection`)
//!
//! ### What it does
//! Finds redirects (`flask.redirect`, Django's `redirect`,
//! `HttpResponseRedirect`, a `Location` header) to a URL taken from the
//! request without checking it against an allow-list or
//! `url_has_allowed_host_and_scheme`.
//!
//! ### Why is this bad?
//! A link on the trusted site sends users to an attacker's page, which is
//! how phishing pages borrow a site's reputation.
//!
//! ### Example
//! ```python
//! return redirect(request.args.get("next"))
//! ```
//!
//! ### Use instead
//! ```python
//! target = request.args.get("next", "")
//! if urlparse(target).netloc not in ("", "example.com"):
//!     target = "/"
//! return redirect(target)
//! ```
//!
//! ### References
//! - MITRE, CWE-601: <https://cwe.mitre.org/data/definitions/601.html>

use super::{report_flows, PyContext};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::python::concepts::SinkKind;
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/url-redirection",
    cwe: crate::Cwe::new(601),
    name: "URL redirection from remote source",
    language: Language::Python,
    severity: Severity::Medium,
    summary: "A redirect target comes from the request without validation.",
};

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    report_flows(
        ctx,
        out,
        &META,
        SinkKind::Redirect,
        "The redirect target of",
        |_| None,
    );
}
