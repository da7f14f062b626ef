//! ## CWE-614: cookie without the Secure flag (`py/insecure-cookie`)
//!
//! ### What it does
//! Finds `response.set_cookie(...)` calls (Flask, Django, Werkzeug) for
//! session or credential cookies (names with `session`, `sid`, `auth`,
//! `token`, `jwt`, `login`, `remember`, `csrf`) that do not pass
//! `secure=True`.
//!
//! ### Why is this bad?
//! The browser also sends the cookie over plain HTTP, so a session id
//! travels in cleartext to anyone on the network path (CWE-319).
//!
//! ### Example
//! ```python
//! response.set_cookie("sessionID", token)
//! ```
//!
//! ### Use instead
//! ```python
//! response.set_cookie("sessionID", token, secure=True, httponly=True, samesite="Lax")
//! ```
//!
//! ### References
//! - MITRE, CWE-614: <https://cwe.mitre.org/data/definitions/614.html>

use super::PyContext;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::python::model::{last_component, string_value, Args};
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/insecure-cookie",
    cwe: crate::Cwe::new(614),
    name: "Failure to use secure cookies",
    language: Language::Python,
    severity: Severity::Medium,
    summary: "A cookie is set without the Secure flag.",
};

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    for call in &ctx.model.calls {
        if last_component(&call.qualname) != "set_cookie" {
            continue;
        }
        let args = Args::of(call.node, ctx.src());
        if args.has_splat {
            continue;
        }
        // Only cookies that carry a session or credential (CWE-614 is about
        // sensitive cookies; a theme preference may travel in the clear).
        let name = args
            .get(0, "key")
            .and_then(|k| string_value(k, ctx.src()))
            .unwrap_or_default()
            .to_ascii_lowercase();
        if ![
            "session",
            "sess",
            "sid",
            "auth",
            "token",
            "jwt",
            "login",
            "remember",
            "csrf",
            "credential",
            "password",
        ]
        .iter()
        .any(|w| name.contains(w))
        {
            continue;
        }
        match args.keyword("secure") {
            Some(v) if ctx.text(v) != "False" => {}
            Some(v) => {
                let mut f = ctx.finding(
                    &META,
                    v,
                    "This cookie is sent over plain HTTP too (secure=False).".into(),
                );
                f.fix = ctx.fix("Send the cookie over HTTPS only", vec![ctx.edit(v, "True")]);
                out.push(f);
            }
            None => {
                let mut f = ctx.finding(
                    &META,
                    call.node,
                    "This cookie is set without secure=True.".into(),
                );
                if let Some(edit) = ctx.add_keyword(call.node, "secure=True") {
                    f.fix = ctx.fix("Send the cookie over HTTPS only", vec![edit]);
                }
                out.push(f);
            }
        }
    }
}
