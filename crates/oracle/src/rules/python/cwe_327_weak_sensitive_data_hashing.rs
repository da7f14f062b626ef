//! ## CWE-327: weak hashing of sensitive data (`py/weak-sensitive-data-hashing`)
//!
//! ### What it does
//! Finds passwords, secrets and tokens hashed with MD5/SHA-1 (broken), or
//! passwords hashed with any fast general-purpose hash (`sha256` …) instead
//! of a key-derivation function. Data is "sensitive" when the hashed
//! expression, or the variable it is fed through `update()`, is named like a
//! password, secret, token, key or credential.
//!
//! ### Why is this bad?
//! MD5 and SHA-1 have practical collisions, and any fast hash lets an
//! attacker who steals the hashes try billions of passwords per second.
//!
//! ### Example
//! ```python
//! digest = hashlib.md5(password.encode()).hexdigest()
//! ```
//!
//! ### Use instead
//! ```python
//! digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)
//! ```
//!
//! ### References
//! - MITRE, CWE-327: <https://cwe.mitre.org/data/definitions/327.html>

use super::PyContext;
use crate::ast::NodeExt;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::python::model::{last_component, string_value, Args};
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/weak-sensitive-data-hashing",
    cwe: crate::Cwe::new(327),
    name: "Use of a broken or weak cryptographic hashing algorithm on sensitive data",
    language: Language::Python,
    severity: Severity::High,
    summary: "Sensitive data is hashed with a broken or fast hash.",
};

const WEAK: &[&str] = &["md5", "sha1", "md4", "md2", "sha"];
const FAST: &[&str] = &[
    "sha224", "sha256", "sha384", "sha512", "sha3_256", "sha3_512", "blake2b", "blake2s",
];

/// Words that mark a value as a password (fast hashes are wrong for these).
fn is_password(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    (n.contains("password")
        || n.contains("passwd")
        || n.contains("pwd")
        || n.contains("passphrase")
        || n.contains("'pass'")
        || n.contains("\"pass\"")
        || n.ends_with("pass")
        || n.contains("pass)"))
        && !n.contains("compass")
}

/// Words that mark a value as a secret (broken hashes are wrong for these).
fn is_secret(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    is_password(&n)
        || n.contains("secret")
        || n.contains("token")
        || n.contains("credential")
        || n.contains("api_key")
        || n.contains("apikey")
        || n.contains("private")
        || n.contains("ssn")
        || n.contains("credit")
        || n.contains("certificate")
        || n.contains("cert")
}

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    let src = ctx.src();
    for call in &ctx.model.calls {
        let q = call.qualname.as_str();
        let args = Args::of(call.node, src);
        let (algo, data) = if q == "hashlib.new" {
            let Some(name) = args.get(0, "name").and_then(|n| string_value(n, src)) else {
                continue;
            };
            (
                name.to_ascii_lowercase().replace('-', ""),
                args.get(1, "data"),
            )
        } else if let Some(a) = q.strip_prefix("hashlib.") {
            (
                a.to_string(),
                args.get(0, "string").or_else(|| args.get(0, "data")),
            )
        } else if matches!(q, "Crypto.Hash.MD5.new" | "Cryptodome.Hash.MD5.new") {
            ("md5".into(), args.get(0, "data"))
        } else if matches!(q, "Crypto.Hash.SHA.new" | "Crypto.Hash.SHA1.new") {
            ("sha1".into(), args.get(0, "data"))
        } else {
            continue;
        };
        let weak = WEAK.contains(&algo.as_str());
        let fast = FAST.contains(&algo.as_str());
        if !weak && !fast {
            continue;
        }
        // What is hashed: the constructor argument, or `h.update(x)` calls
        // on the variable the hash object was assigned to.
        let mut hashed: Vec<String> = data.iter().map(|d| ctx.text(*d).to_string()).collect();
        if let Some(var) = assigned_name(ctx, call.node) {
            for c in &ctx.model.calls {
                if last_component(&c.qualname) == "update"
                    && c.qualname.trim_end_matches("()").strip_suffix(".update")
                        == Some(var.as_str())
                {
                    if let Some(a) = Args::of(c.node, src).positional.first() {
                        hashed.push(ctx.text(*a).to_string());
                    }
                }
            }
            // The digest is stored as a password (`user.password = h.hexdigest()`).
            hashed.push(var.clone());
        }
        let sensitive = if weak {
            hashed.iter().any(|h| is_secret(h))
        } else {
            hashed.iter().any(|h| is_password(h))
        };
        if !sensitive {
            continue;
        }
        let why = if weak {
            "a broken hash"
        } else {
            "a fast hash, not a password KDF"
        };
        let mut f = ctx.finding(
            &META,
            call.node,
            format!("Sensitive data is hashed with `{algo}`, {why}."),
        );
        // SHA-256 is right for tokens and keys; passwords need a KDF,
        // which is not a mechanical change.
        if weak && q != "hashlib.new" && !hashed.iter().any(|h| is_password(h)) {
            if let Some(attr) = call
                .node
                .field("function")
                .and_then(|f| f.field("attribute"))
            {
                f.fix = ctx.fix("Use SHA-256", vec![ctx.edit(attr, "sha256")]);
            }
        }
        out.push(f);
    }
}

/// `h = hashlib.md5()` → `Some("h")`.
fn assigned_name(ctx: &PyContext, call: tree_sitter::Node) -> Option<String> {
    let parent = call.parent_node()?;
    if parent.node_kind() != "assignment" || parent.field("right") != Some(call) {
        return None;
    }
    let left = parent.field("left")?;
    matches!(left.node_kind(), "identifier" | "attribute").then(|| ctx.text(left).to_string())
}
