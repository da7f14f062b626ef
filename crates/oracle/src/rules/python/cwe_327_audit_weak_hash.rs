//! ## CWE-327: MD5 and SHA-1 in any role (`py/audit-weak-hash`, audit profile)
//!
//! ### What it does
//! Finds `hashlib.md5`, `hashlib.sha1`, `hashlib.new(\"md5\" | \"sha1\")` and their
//! PyCryptodome counterparts wherever they are used. Only in `--profile audit`; the precise
//! rules report them where they protect passwords or sign data.
//!
//! ### Why is this bad?
//! Both have practical collisions: a checksum, a cache key or a signature made with them can be
//! matched by a second, different input.
//!
//! ### Example
//! ```python
//! import hashlib
//!
//! def digest(data):
//!     return hashlib.md5(data).hexdigest()
//! ```
//!
//! ### Use instead
//! ```python
//! import hashlib
//!
//! def digest(data):
//!     return hashlib.sha256(data).hexdigest()
//! ```
//!
//! ### References
//! - MITRE, CWE-327: <https://cwe.mitre.org/data/definitions/327.html>
//! - Bandit B303/B324: <https://bandit.readthedocs.io/en/latest/plugins/b324_hashlib.html>

use super::PyContext;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/audit-weak-hash",
    cwe: crate::Cwe::new(327),
    name: "Weak hash function",
    language: Language::Python,
    severity: Severity::Low,
    summary: "MD5 or SHA-1 is used.",
};

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    let src = ctx.src();
    for call in ctx.calls_where(|q| {
        matches!(
            q,
            "hashlib.md5" | "hashlib.sha1" | "hashlib.new" | "Crypto.Hash.MD5.new"
                | "Crypto.Hash.SHA1.new" | "Cryptodome.Hash.MD5.new" | "Cryptodome.Hash.SHA1.new"
        )
    }) {
        if call.qualname == "hashlib.new" {
            let args = crate::python::model::Args::of(call.node, src);
            let weak = args
                .get(0, "name")
                .and_then(|n| crate::python::model::string_value(n, src))
                .is_some_and(|n| matches!(n.to_ascii_lowercase().as_str(), "md5" | "sha1"));
            if !weak {
                continue;
            }
        }
        // `usedforsecurity=False` says the digest protects nothing.
        let args = crate::python::model::Args::of(call.node, src);
        if args
            .keyword("usedforsecurity")
            .is_some_and(|v| crate::ast::text(v, src) == "False")
        {
            continue;
        }
        out.push(ctx.finding(
            &META,
            call.node,
            format!("`{}` is a broken hash: collisions can be made.", call.qualname),
        ));
    }
}
