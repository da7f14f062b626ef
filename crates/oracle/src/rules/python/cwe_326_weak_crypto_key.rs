//! ## CWE-326: inadequate key size (`py/weak-crypto-key`)
//!
//! ### What it does
//! Finds RSA and DSA keys generated with fewer than 2048 bits (PyCryptodome
//! `RSA.generate`/`DSA.generate`, `cryptography`'s `generate_private_key`)
//! and elliptic curves under 224 bits.
//!
//! ### Why is this bad?
//! 1024-bit RSA/DSA keys are within reach of well-funded attackers; data
//! protected by them should be considered exposed.
//!
//! ### Example
//! ```python
//! key = RSA.generate(1024)
//! ```
//!
//! ### Use instead
//! ```python
//! key = RSA.generate(3072)
//! ```
//!
//! ### References
//! - MITRE, CWE-326: <https://cwe.mitre.org/data/definitions/326.html>

use super::PyContext;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::python::model::{int_value, last_component, Args};
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/weak-crypto-key",
    cwe: crate::Cwe::new(326),
    name: "Use of weak cryptographic key",
    language: Language::Python,
    severity: Severity::High,
    summary: "An asymmetric key is generated with too few bits.",
};

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    let src = ctx.src();
    for call in &ctx.model.calls {
        let q = call.qualname.as_str();
        let args = Args::of(call.node, src);
        let size = if q.ends_with("RSA.generate") || q.ends_with("DSA.generate") {
            args.get(0, "bits")
        } else if last_component(q) == "generate_private_key"
            && (q.contains(".rsa.")
                || q.contains(".dsa.")
                || q.starts_with("rsa.")
                || q.starts_with("dsa."))
        {
            args.keyword("key_size").or_else(|| {
                args.positional
                    .get(if q.contains("rsa") { 1 } else { 0 })
                    .copied()
            })
        } else {
            if q.contains("ec.SECP192R1") || q.contains("ec.SECT163") {
                out.push(ctx.finding(
                    &META,
                    call.node,
                    "This elliptic curve is too small (under 224 bits).".into(),
                ));
            }
            continue;
        };
        let Some(size) = size else { continue };
        if let Some(bits) = int_value(size, ctx.model) {
            if bits < 2048 {
                let mut f = ctx.finding(
                    &META,
                    size,
                    format!("A {bits}-bit key is too short; use at least 2048 bits."),
                );
                f.fix = ctx.fix("Use a 3072-bit key", vec![ctx.edit(size, "3072")]);
                out.push(f);
            }
        }
    }
}
