//! ## CWE-327: broken cipher or protocol (`py/weak-cryptographic-algorithm`)
//!
//! ### What it does
//! Finds broken or risky encryption: DES, 3DES, RC4, Blowfish, RC2 and ECB
//! mode (PyCryptodome, `cryptography`), insecure SSL/TLS versions
//! (`PROTOCOL_SSLv2/3`, `PROTOCOL_TLSv1`, `TLSv1_1`, pyOpenSSL
//! `SSLv3_METHOD`/`TLSv1_METHOD`), and `ssl.wrap_socket`, which is
//! deprecated and checks no host name.
//!
//! ### Why is this bad?
//! These algorithms and protocols have practical attacks (small key or
//! block sizes, keystream biases, BEAST/POODLE); ECB leaks patterns of the
//! plaintext.
//!
//! ### Example
//! ```python
//! cipher = DES.new(key, DES.MODE_ECB)
//! ```
//!
//! ### Use instead
//! ```python
//! cipher = AES.new(key, AES.MODE_GCM)
//! ```
//!
//! ### References
//! - MITRE, CWE-327: <https://cwe.mitre.org/data/definitions/327.html>

use super::PyContext;
use crate::ast::text;
use crate::ast::NodeExt;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::python::model::last_component;
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/weak-cryptographic-algorithm",
    cwe: crate::Cwe::new(327),
    name: "Use of a broken or risky cryptographic algorithm",
    language: Language::Python,
    severity: Severity::High,
    summary: "A broken cipher, cipher mode or SSL/TLS version is used.",
};

const CIPHERS: &[&str] = &[
    "DES",
    "DES3",
    "ARC4",
    "ARC2",
    "Blowfish",
    "XOR",
    "TripleDES",
    "IDEA",
    "CAST5",
    "SEED",
];
const PROTOCOLS: &[&str] = &[
    "PROTOCOL_SSLv2",
    "PROTOCOL_SSLv3",
    "PROTOCOL_TLSv1",
    "PROTOCOL_TLSv1_1",
    "SSLv2_METHOD",
    "SSLv3_METHOD",
    "TLSv1_METHOD",
    "TLSv1_1_METHOD",
];

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    for call in &ctx.model.calls {
        let q = call.qualname.trim_end_matches("()");
        let parts: Vec<&str> = q.split('.').collect();
        let is_crypto = q.starts_with("Crypto.")
            || q.starts_with("Cryptodome.")
            || q.starts_with("cryptography.");
        if is_crypto {
            if let Some(c) = parts.iter().find(|p| CIPHERS.contains(p)) {
                out.push(ctx.finding(
                    &META,
                    call.node,
                    format!("`{q}` uses the broken cipher {c}."),
                ));
                continue;
            }
        }
        if q == "ssl.wrap_socket" {
            out.push(ctx.finding(
                &META,
                call.node,
                "`ssl.wrap_socket` is deprecated: it allows weak protocol versions and checks no host name.".into(),
            ));
        }
        let _ = last_component(q);
    }
    let src = ctx.src();
    ctx.model.preorder(|n| {
        if n.node_kind() != "attribute" {
            return;
        }
        let Some(attr) = n.field("attribute") else {
            return;
        };
        let name = text(attr, src);
        // Only the outermost attribute of a chain.
        if n.parent_node()
            .is_some_and(|p| p.node_kind() == "attribute" && p.field("object") == Some(n))
        {
            return;
        }
        if PROTOCOLS.contains(&name) {
            out.push(ctx.finding(
                &META,
                n,
                format!("`{}` selects an insecure SSL/TLS version.", text(n, src)),
            ));
        } else if name == "MODE_ECB" || (name == "ECB" && text(n, src).contains("modes")) {
            out.push(ctx.finding(
                &META,
                n,
                "ECB mode encrypts equal blocks to equal ciphertext.".into(),
            ));
        }
    });
}
