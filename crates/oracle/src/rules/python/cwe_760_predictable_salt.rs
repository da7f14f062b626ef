//! ## CWE-760: password hash with a predictable salt (`py/predictable-salt`)
//!
//! ### What it does
//! Finds key-derivation calls (`hashlib.pbkdf2_hmac`, `hashlib.scrypt`,
//! `bcrypt.kdf`, `PBKDF2HMAC(salt=...)`) whose salt is a constant.
//!
//! ### Why is this bad?
//! A fixed salt lets one precomputed table crack every user's password at
//! once, and equal passwords get equal hashes.
//!
//! ### Example
//! ```python
//! digest = hashlib.pbkdf2_hmac("sha256", password, b"D8VxSmTZt2E2YV454mkqAY5e", 100000)
//! ```
//!
//! ### Use instead
//! ```python
//! salt = os.urandom(16)
//! digest = hashlib.pbkdf2_hmac("sha256", password, salt, 600000)
//! ```
//!
//! ### References
//! - MITRE, CWE-760: <https://cwe.mitre.org/data/definitions/760.html>

use super::PyContext;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::python::model::{is_constant, last_component, Args};
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/predictable-salt",
    cwe: crate::Cwe::new(760),
    name: "Use of a one-way hash with a predictable salt",
    language: Language::Python,
    severity: Severity::Medium,
    summary: "A password hash uses a constant salt.",
};

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    let src = ctx.src();
    for call in &ctx.model.calls {
        let q = call.qualname.as_str();
        let args = Args::of(call.node, src);
        let salt = match q {
            "hashlib.pbkdf2_hmac" => args.get(2, "salt"),
            "hashlib.scrypt" => args.keyword("salt"),
            "bcrypt.kdf" => args
                .keyword("salt")
                .or_else(|| args.positional.get(1).copied()),
            _ if last_component(q) == "PBKDF2HMAC" || last_component(q) == "Scrypt" => {
                args.keyword("salt")
            }
            _ => continue,
        };
        if let Some(s) = salt.filter(|s| is_constant(*s, src)) {
            out.push(ctx.finding(
                &META,
                s,
                "The salt is a constant; use a random salt per password (os.urandom(16)).".into(),
            ));
        }
    }
}
