//! ## CWE-295: disabled certificate validation (`py/request-without-cert-validation`)
//!
//! ### What it does
//! Finds TLS connections made without verifying the server certificate:
//! `verify=False` in `requests`/`httpx` calls, `ssl._create_unverified_context`,
//! `check_hostname = False`, `verify_mode = ssl.CERT_NONE`,
//! `cert_reqs=CERT_NONE`, pyOpenSSL `set_verify(VERIFY_NONE, …)` or a
//! pyOpenSSL `Context` that never turns verification on, and
//! paramiko's `AutoAddPolicy`/`WarningPolicy` for unknown host keys.
//!
//! ### Why is this bad?
//! Anyone on the network path can impersonate the server and read or change
//! the traffic, including credentials.
//!
//! ### Example
//! ```python
//! requests.get(url, verify=False)
//! ```
//!
//! ### Use instead
//! ```python
//! requests.get(url)  # verify=True is the default
//! ```
//!
//! ### References
//! - MITRE, CWE-295: <https://cwe.mitre.org/data/definitions/295.html>

use super::PyContext;
use crate::ast::text;
use crate::ast::NodeExt;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::python::model::{last_component, Args};
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/request-without-cert-validation",
    cwe: crate::Cwe::new(295),
    name: "Request without certificate validation",
    language: Language::Python,
    severity: Severity::High,
    summary: "A TLS connection is made without validating the server certificate.",
};

/// JWT/JOSE libraries, whose `verify` keyword is about signatures.
fn is_token_library(qualname: &str) -> bool {
    let root = qualname.split('.').next().unwrap_or("");
    matches!(root, "jwt" | "jose" | "python_jwt" | "authlib" | "jwcrypto")
}

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    let src = ctx.src();
    for call in &ctx.model.calls {
        let q = call.qualname.as_str();
        let last = last_component(q);
        let args = Args::of(call.node, src);
        if let Some(v) = args.keyword("verify") {
            // JWT libraries' `verify=False` skips the token signature, not a certificate:
            // that is CWE-347's rule.
            if text(v, src) == "False" && !is_token_library(q) {
                let mut f = ctx.finding(
                    &META,
                    v,
                    format!(
                        "`{}` is called with certificate verification disabled.",
                        q.trim_end_matches("()")
                    ),
                );
                f.fix = ctx.fix("Verify certificates", vec![ctx.edit(v, "True")]);
                out.push(f);
            }
        }
        if let Some(v) = args.keyword("cert_reqs") {
            if text(v, src).contains("CERT_NONE") {
                out.push(ctx.finding(
                    &META,
                    v,
                    "Certificates are not required (CERT_NONE).".into(),
                ));
            }
        }
        let flagged = match last {
            "_create_unverified_context" | "_create_stdlib_context" => {
                Some("creates an SSL context that does not verify certificates")
            }
            "set_verify"
                if args
                    .positional
                    .first()
                    .is_some_and(|a| text(*a, src).contains("VERIFY_NONE")) =>
            {
                Some("turns certificate verification off")
            }
            "set_missing_host_key_policy"
                if args.positional.first().is_some_and(|a| {
                    text(*a, src).contains("AutoAddPolicy")
                        || text(*a, src).contains("WarningPolicy")
                }) =>
            {
                Some("accepts unknown SSH host keys")
            }
            _ => None,
        };
        if let Some(what) = flagged {
            out.push(ctx.finding(
                &META,
                call.node,
                format!("`{}` {what}.", q.trim_end_matches("()")),
            ));
        }
    }
    // pyOpenSSL contexts verify nothing until `set_verify(VERIFY_PEER, …)`.
    let sets_verify = ctx.model.calls.iter().any(|c| {
        last_component(&c.qualname) == "set_verify"
            && Args::of(c.node, src)
                .positional
                .first()
                .is_some_and(|a| text(*a, src).contains("VERIFY_PEER"))
    });
    if !sets_verify {
        for call in ctx.calls_where(|q| q == "OpenSSL.SSL.Context") {
            out.push(ctx.finding(
                &META,
                call.node,
                "This pyOpenSSL context never enables certificate verification (set_verify(VERIFY_PEER, …)).".into(),
            ));
        }
    }
    // `ctx.check_hostname = False`, `ctx.verify_mode = ssl.CERT_NONE`.
    ctx.model.preorder(|n| {
        if n.node_kind() != "assignment" {
            return;
        }
        let (Some(l), Some(r)) = (n.field("left"), n.field("right")) else {
            return;
        };
        let lt = text(l, src);
        let rt = text(r, src);
        if (lt.ends_with(".check_hostname") && rt == "False")
            || (lt.ends_with(".verify_mode") && rt.contains("CERT_NONE"))
        {
            out.push(ctx.finding(
                &META,
                n,
                format!("`{lt} = {rt}` disables certificate validation."),
            ));
        }
    });
}
