//! ## CWE-330: insecure randomness for secrets (`py/insecure-randomness`)
//!
//! ### What it does
//! Finds the `random` module (a Mersenne Twister, predictable from its
//! output) used to make security values: calls inside functions, or
//! assigned to variables, whose names speak of sessions, tokens, keys,
//! passwords, secrets, nonces, salts, OTPs or CSRF values, and random
//! strings drawn from `string.ascii_*`/`digits` alphabets (the usual way to
//! make a token or password).
//!
//! ### Why is this bad?
//! After observing a few hundred outputs an attacker predicts the next
//! session id or reset token.
//!
//! ### Example
//! ```python
//! def get_session_id():
//!     return random.randint(0, 0xFFFFFFFF)
//! ```
//!
//! ### Use instead
//! ```python
//! def get_session_id():
//!     return secrets.token_hex(16)
//! ```
//!
//! ### References
//! - MITRE, CWE-330: <https://cwe.mitre.org/data/definitions/330.html>

use super::PyContext;
use crate::ast::NodeExt;
use crate::ast::{self, text};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::python::model::Args;
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/insecure-randomness",
    cwe: crate::Cwe::new(330),
    name: "Insecure randomness",
    language: Language::Python,
    severity: Severity::Medium,
    summary: "A predictable random generator makes a security value.",
};

const WORDS: &[&str] = &[
    "session", "token", "key", "password", "passwd", "secret", "nonce", "salt", "otp", "csrf",
    "captcha", "reset", "auth", "crypt",
];

fn security_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    WORDS.iter().any(|w| n.contains(w)) && !n.contains("keyboard") && !n.contains("monkey")
}

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    let src = ctx.src();
    for call in &ctx.model.calls {
        let q = call.qualname.as_str();
        let Some(f) = q.strip_prefix("random.") else {
            continue;
        };
        if !matches!(
            f,
            "random"
                | "randint"
                | "randrange"
                | "choice"
                | "choices"
                | "getrandbits"
                | "sample"
                | "uniform"
                | "shuffle"
                | "seed"
                | "randbytes"
        ) {
            continue;
        }
        let func_name = ast::ancestor(call.node, &["function_definition"])
            .and_then(|d| d.field("name"))
            .map(|n| text(n, src).to_string())
            .unwrap_or_default();
        let assigned = ast::ancestor(call.node, &["assignment"])
            .and_then(|a| a.field("left"))
            .map(|l| text(l, src).to_string())
            .unwrap_or_default();
        // `"".join(random.choice(string.ascii_letters) ...)`: the usual way
        // to make a token or password, whatever the names say.
        let token_alphabet = matches!(f, "choice" | "choices" | "sample")
            && Args::of(call.node, src)
                .positional
                .first()
                .is_some_and(|a| {
                    let q = ctx.model.qualname(*a);
                    let t = text(*a, src);
                    q.starts_with("string.ascii")
                        || q == "string.digits"
                        || q == "string.hexdigits"
                        || q == "string.punctuation"
                        || q == "string.printable"
                        || t.contains("string.ascii")
                });
        if security_name(&func_name) || security_name(&assigned) || token_alphabet {
            let mut finding = ctx.finding(
                &META,
                call.node,
                format!("`{q}` is predictable; use the `secrets` module for security values."),
            );
            finding.fix = secrets_fix(ctx, call.node, f);
            out.push(finding);
        }
    }
}

/// The `secrets` call with the same meaning, where there is one:
/// `choice` → `secrets.choice`, `getrandbits` → `secrets.randbits`,
/// `randbytes` → `secrets.token_bytes`, `randrange(n)` → `secrets.randbelow(n)`,
/// `randint(0, n)` → `secrets.randbelow(n + 1)`.
fn secrets_fix(ctx: &PyContext, call: tree_sitter::Node, f: &str) -> Option<crate::finding::Fix> {
    let src = ctx.src();
    let function = call.field("function")?;
    let args = Args::of(call, src);
    let plain = args.keywords.is_empty();
    let edit = match f {
        "choice" if plain && args.positional.len() == 1 => ctx.edit(function, "secrets.choice"),
        "getrandbits" if plain && args.positional.len() == 1 => {
            ctx.edit(function, "secrets.randbits")
        }
        "randbytes" if plain && args.positional.len() == 1 => {
            ctx.edit(function, "secrets.token_bytes")
        }
        "randrange" if plain && args.positional.len() == 1 => {
            ctx.edit(function, "secrets.randbelow")
        }
        "randint"
            if plain
                && args.positional.len() == 2
                && text(args.positional[0], src).trim() == "0" =>
        {
            let hi = text(args.positional[1], src);
            ctx.edit(call, format!("secrets.randbelow({hi} + 1)"))
        }
        _ => return None,
    };
    let mut edits = vec![edit];
    edits.extend(ctx.add_import("secrets"));
    ctx.fix("use the secrets module", edits)
}
