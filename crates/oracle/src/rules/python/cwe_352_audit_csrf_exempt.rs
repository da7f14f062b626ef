//! ## CWE-352: a view exempt from CSRF protection (`py/audit-csrf-exempt`, audit profile)
//!
//! ### What it does
//! Finds views decorated with Django's `csrf_exempt` or Flask-WTF's `csrf.exempt`, and
//! settings that turn the protection off (`WTF_CSRF_ENABLED = False`,
//! `app.config["WTF_CSRF_ENABLED"] = False`). Only in `--profile audit`: an API
//! authenticated by a token header needs no CSRF token, which the code may not show.
//!
//! ### Why is this bad?
//! A state-changing view that accepts a browser's cookies without a CSRF token can be
//! triggered by any page the victim visits (a transfer, a password change).
//!
//! ### Example
//! ```python
//! @csrf_exempt
//! def transfer(request):
//!     ...
//! ```
//!
//! ### Use instead
//! ```python
//! def transfer(request):  # the middleware checks the token
//!     ...
//! ```
//!
//! ### References
//! - MITRE, CWE-352: <https://cwe.mitre.org/data/definitions/352.html>

use super::PyContext;
use crate::ast::NodeExt;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/audit-csrf-exempt",
    cwe: crate::Cwe::new(352),
    name: "CSRF protection turned off",
    language: Language::Python,
    severity: Severity::Medium,
    summary: "A view is exempt from CSRF protection, or the protection is disabled.",
};

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    ctx.model.preorder(|n| match n.node_kind() {
        "decorator" => {
            let d = ctx.text(n).trim_start_matches('@').trim();
            let name = d.split('(').next().unwrap_or(d);
            if name == "csrf_exempt" || name.ends_with(".csrf_exempt") || name.ends_with("csrf.exempt") {
                out.push(ctx.finding(
                    &META,
                    n,
                    "This view is exempt from CSRF protection: any site can make a logged-in browser call it.".to_string(),
                ));
            }
        }
        "assignment" => {
            let (Some(l), Some(r)) = (n.field("left"), n.field("right")) else {
                return;
            };
            let target = ctx.text(l);
            if ctx.text(r) == "False"
                && (target == "WTF_CSRF_ENABLED" || target.ends_with("[\"WTF_CSRF_ENABLED\"]")
                    || target.ends_with("['WTF_CSRF_ENABLED']"))
            {
                out.push(ctx.finding(
                    &META,
                    n,
                    "CSRF protection is turned off for the whole application.".to_string(),
                ));
            }
        }
        _ => {}
    });
}
