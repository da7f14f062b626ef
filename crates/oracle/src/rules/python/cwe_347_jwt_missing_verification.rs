//! ## CWE-347: JWT accepted without verifying its signature (`py/jwt-missing-verification`)
//!
//! ### What it does
//! Finds PyJWT `jwt.decode(...)` with `verify=False`, with
//! `options={"verify_signature": False}` or with the `none` algorithm, and
//! python-jwt `process_jwt` in a file that never calls `verify_jwt`.
//!
//! ### Why is this bad?
//! Anyone can forge a token with any claims (user id, role) and it is
//! accepted as genuine.
//!
//! ### Example
//! ```python
//! claims = jwt.decode(token, options={"verify_signature": False})
//! ```
//!
//! ### Use instead
//! ```python
//! claims = jwt.decode(token, key, algorithms=["HS256"])
//! ```
//!
//! ### References
//! - MITRE, CWE-347: <https://cwe.mitre.org/data/definitions/347.html>

use super::PyContext;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::python::model::{last_component, Args};
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/jwt-missing-verification",
    cwe: crate::Cwe::new(347),
    name: "JWT missing secret or public key verification",
    language: Language::Python,
    severity: Severity::High,
    summary: "A JSON Web Token is decoded without verifying its signature.",
};

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    let src = ctx.src();
    let verifies = ctx
        .model
        .calls
        .iter()
        .any(|c| last_component(&c.qualname) == "verify_jwt");
    for call in &ctx.model.calls {
        let q = call.qualname.as_str();
        let args = Args::of(call.node, src);
        if q == "jwt.decode" || q == "jwt.api_jwt.decode" {
            if let Some(v) = args.keyword("verify").filter(|v| ctx.text(*v) == "False") {
                out.push(ctx.finding(&META, v, "The token is decoded with verify=False.".into()));
            }
            if let Some(o) = args.keyword("options") {
                let t = ctx.text(o).replace(' ', "");
                if t.contains("\"verify_signature\":False")
                    || t.contains("'verify_signature':False")
                {
                    out.push(ctx.finding(
                        &META,
                        o,
                        "The token's signature is not verified (verify_signature: False).".into(),
                    ));
                }
            }
            if let Some(a) = args.keyword("algorithms") {
                if ctx.text(a).to_ascii_lowercase().contains("none") {
                    out.push(ctx.finding(
                        &META,
                        a,
                        "The `none` algorithm accepts unsigned tokens.".into(),
                    ));
                }
            }
        } else if last_component(q) == "process_jwt" && q.contains("jwt") && !verifies {
            out.push(ctx.finding(
                &META,
                call.node,
                "`process_jwt` does not verify the token; nothing calls `verify_jwt`.".into(),
            ));
        }
    }
}
