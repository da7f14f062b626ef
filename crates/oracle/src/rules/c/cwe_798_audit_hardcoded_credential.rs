//! ## CWE-798: a credential written into the program (`c/audit-hardcoded-credential`, audit profile)
//!
//! ### What it does
//! Finds string literals that a name calls a credential: a `#define`, a variable or a
//! constant named like a password, secret, API key, token or private key
//! (`#define DB_PASSWORD "hunter2"`, `const char *api_key = "sk-…"`), and literals compared
//! with such a name (`strcmp(password, "letmein")`). Only in `--profile audit`: the name
//! says what the string is for, no flow proves it.
//!
//! ### Why is this bad?
//! Everyone with the binary or the source has the credential; it cannot be rotated without
//! a new release, and it is the same on every installation.
//!
//! ### Example
//! ```c
//! #define DB_PASSWORD "hunter2"
//! int ok(const char *in) { return strcmp(in, DB_PASSWORD) == 0; }
//! ```
//!
//! ### Use instead
//! ```c
//! const char *expected = getenv("DB_PASSWORD");
//! int ok(const char *in) { return expected && strcmp(in, expected) == 0; }
//! ```
//!
//! ### References
//! - MITRE CWE-798, Use of Hard-coded Credentials; CWE-259, Use of Hard-coded Password.

use super::CContext;
use crate::ast::{self, NodeExt};
use crate::c::model::{call_args, declarator_name, string_literal};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "c/audit-hardcoded-credential",
    cwe: crate::Cwe::new(798),
    name: "Hard-coded credential",
    language: Language::C,
    severity: Severity::Medium,
    summary: "A password, key or token is written into the program as a string literal.",
};

/// A name that says it holds a credential: `DB_PASSWORD`, `apiKey`, `secret_token`.
/// Names that only describe one (`password_len`, `PASSWORD_PROMPT`, `max_token`) do not.
fn credential_name(name: &str) -> bool {
    let l = name.to_ascii_lowercase();
    let what = ["password", "passwd", "secret", "api_key", "apikey", "private_key", "auth_token", "access_token"];
    let about = ["len", "size", "prompt", "max", "min", "file", "path", "hash", "label", "msg", "format", "hint", "field"];
    what.iter().any(|w| l.contains(w)) && !about.iter().any(|a| l.contains(a))
}

/// A literal worth a finding: not empty, not a placeholder or a prompt.
fn secret_literal(v: &str) -> bool {
    let l = v.to_ascii_lowercase();
    !v.trim().is_empty()
        && !v.contains(' ')
        && !v.contains('%')
        && !["changeme", "xxx", "<", "your"].iter().any(|p| l.starts_with(p))
}

pub fn check(ctx: &CContext, out: &mut Vec<Finding>) {
    let s = ctx.src();
    let root = ctx.model.root;
    ast::preorder(root, |n| {
        let (name, value) = match n.node_kind() {
            "preproc_def" => (n.field("name"), n.field("value")),
            "init_declarator" => (n.field("declarator"), n.field("value")),
            _ => return,
        };
        let (Some(name), Some(value)) = (name, value) else { return };
        // A definition's node runs to the end of its line; its name is the place to point.
        let at = if n.node_kind() == "preproc_def" { name } else { n };
        let name = if n.node_kind() == "init_declarator" {
            match declarator_name(name, s) {
                Some(x) => x,
                None => return,
            }
        } else {
            ctx.text(name).to_string()
        };
        let literal = if n.node_kind() == "preproc_def" {
            ctx.model.macros.string(&name).map(str::to_string)
        } else {
            string_literal(value, s)
        };
        if let Some(v) = literal {
            if credential_name(&name) && secret_literal(&v) {
                out.push(ctx.finding(
                    &META,
                    at,
                    format!("`{name}` holds a credential written into the program."),
                ));
            }
        }
    });
    // `strcmp(password, "letmein")`: the expected value is in the binary.
    for (func, _) in ctx.functions() {
        for &(call, name) in &func.calls {
            if !matches!(name, "strcmp" | "strncmp" | "strcasecmp" | "memcmp") {
                continue;
            }
            let args = call_args(call);
            let (Some(a), Some(b)) = (args.first(), args.get(1)) else { continue };
            for (x, y) in [(a, b), (b, a)] {
                let lit = string_literal(*y, s);
                if lit.as_deref().is_some_and(secret_literal) && credential_name(ctx.text(*x)) {
                    out.push(ctx.finding(
                        &META,
                        call,
                        format!("`{}` is compared with a credential written into the program.", ctx.text(*x)),
                    ));
                }
            }
        }
    }
}
