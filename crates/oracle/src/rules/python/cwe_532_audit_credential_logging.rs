//! ## CWE-532: a credential written to a log (`py/audit-credential-logging`, audit profile)
//!
//! ### What it does
//! Finds logging calls (`logging.info`, `logger.debug`, `log.warning` …) whose arguments
//! include a variable or attribute named like a secret (`password`, `passwd`, `secret`,
//! `token`, `api_key`, `private_key`), also inside an f-string. Only in `--profile audit`.
//!
//! ### Why is this bad?
//! Logs are kept, shipped and read by more people and systems than the credential store; a
//! password in a log line outlives any rotation of it.
//!
//! ### Example
//! ```python
//! logger.info("login user=%s password=%s", username, password)
//! ```
//!
//! ### Use instead
//! ```python
//! logger.info("login user=%s", username)
//! ```
//!
//! ### References
//! - MITRE, CWE-532: <https://cwe.mitre.org/data/definitions/532.html>

use super::PyContext;
use crate::ast::{self, NodeExt};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::python::model::last_component;
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/audit-credential-logging",
    cwe: crate::Cwe::new(532),
    name: "Credential written to a log",
    language: Language::Python,
    severity: Severity::Medium,
    summary: "A password, token or key is passed to a logging call.",
};

/// A name that holds a secret: `password`, `user_password`, `api_key`, `self.token`.
fn secret_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    let last = n.rsplit('.').next().unwrap_or(&n);
    ["password", "passwd", "passphrase", "secret", "api_key", "apikey", "private_key", "access_token", "auth_token"]
        .iter()
        .any(|k| last.contains(k))
        || last == "pwd"
        || last == "token"
}

fn is_logging_call(qualname: &str) -> bool {
    let method = last_component(qualname);
    let receiver = qualname.rsplit_once('.').map(|(r, _)| r.to_ascii_lowercase());
    matches!(
        method,
        "debug" | "info" | "warning" | "warn" | "error" | "critical" | "exception" | "log"
    ) && receiver.is_some_and(|r| r == "logging" || r.ends_with("log") || r.ends_with("logger") || r.contains("logging."))
}

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    for call in ctx.calls_where(is_logging_call) {
        let Some(args) = call.node.field("arguments") else {
            continue;
        };
        let mut secret = None;
        ast::preorder(args, |x| {
            if secret.is_some() || !matches!(x.node_kind(), "identifier" | "attribute") {
                return;
            }
            // An attribute's own parts are visited too; judge the outermost expression.
            if x.parent_node().is_some_and(|p| p.node_kind() == "attribute") {
                return;
            }
            // A keyword argument's name (`exc_info=`) is no value.
            if x.parent_node()
                .is_some_and(|p| p.node_kind() == "keyword_argument" && p.field("name") == Some(x))
            {
                return;
            }
            if secret_name(ctx.text(x)) {
                secret = Some(x);
            }
        });
        if let Some(x) = secret {
            out.push(ctx.finding(
                &META,
                x,
                format!("`{}` is written to the log by `{}`.", ctx.text(x), call.qualname),
            ));
        }
    }
}
