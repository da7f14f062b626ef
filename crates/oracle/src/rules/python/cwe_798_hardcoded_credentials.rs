//! ## CWE-798: hard-coded credentials (`py/hardcoded-credentials`)
//!
//! ### What it does
//! Finds credentials written into the source: a string literal passed as
//! `password=`/`passwd=`/`pwd=` to a call (database connections, logins),
//! a password compared with a literal (`if password == "myPa55word"`), and
//! high-entropy literals (API keys, tokens) assigned to names such as
//! `api_key`, `secret_key`, `token` or `key`. Lowercase-word placeholders
//! (`"password"`, `"my_password"`) are left alone.
//!
//! ### Why is this bad?
//! Anyone with the code (a leaked repository, a decompiled package) has
//! the credential, and rotating it needs a new release.
//!
//! ### Example
//! ```python
//! conn = mysql.connector.connect(user="app", password="s3cret", host=host)
//! openai.api_key = "sk-Hn0VpJ4aM2X7aAyT3mNr37tM"
//! ```
//!
//! ### Use instead
//! ```python
//! conn = mysql.connector.connect(user="app", password=os.environ["DB_PASSWORD"], host=host)
//! openai.api_key = os.environ["OPENAI_API_KEY"]
//! ```
//!
//! ### References
//! - MITRE, CWE-798: <https://cwe.mitre.org/data/definitions/798.html>

use super::PyContext;
use crate::ast::NodeExt;
use crate::ast::{self, text};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::python::model::{string_value, Args};
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/hardcoded-credentials",
    cwe: crate::Cwe::new(798),
    name: "Hard-coded credentials",
    language: Language::Python,
    severity: Severity::High,
    summary: "A password, key or token is written into the source code.",
};

fn is_password_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    let last = n
        .rsplit(['.', '['])
        .next()
        .unwrap_or(&n)
        .trim_matches(|c| c == '\'' || c == '"' || c == ']');
    matches!(
        last,
        "password" | "passwd" | "pwd" | "pass" | "db_password" | "admin_password" | "user_password"
    )
}

fn is_key_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    let last = n.rsplit('.').next().unwrap_or(&n);
    last == "key"
        || last.ends_with("api_key")
        || last.ends_with("apikey")
        || last.ends_with("access_key")
        || last.ends_with("secret_key")
        || last.ends_with("token")
        || last.ends_with("secret")
        || last.ends_with("private_key")
        || last == "auth"
}

/// A name that says its value is a secret whatever the value looks like: `SECRET_KEY`,
/// `app.secret_key`, `app.config["SECRET_KEY"]`, `DB_PASSWORD`, `API_KEY`, `jwt_secret`
/// (not a bare `key` or `token`, which also name dictionary keys and parsed tokens).
fn is_secret_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    let last = n
        .rsplit(['.', '['])
        .next()
        .unwrap_or(&n)
        .trim_matches(|c| c == '\'' || c == '"' || c == ']');
    last.ends_with("secret_key")
        || last.ends_with("secret")
        || last.ends_with("api_key")
        || last.ends_with("private_key")
        || last.ends_with("password")
}

/// A literal a person chose as a secret (`"supersecret123"`, `"Adm1n!2024"`): eight or more
/// characters, no spaces, not a lowercase-word placeholder nor an obvious stand-in.
fn looks_like_password(v: &str) -> bool {
    let lower = v.to_ascii_lowercase();
    v.len() >= 8
        && !v.contains(' ')
        && !is_placeholder(v)
        && !["your", "example", "change", "xxxx", "dummy", "placeholder", "<", "{", "%", "$"]
            .iter()
            .any(|w| lower.contains(w))
}

/// A template placeholder a developer is expected to replace (`"password"`,
/// `"my_password"`, `"admin"`): lowercase words only. Generated code is
/// full of them; reporting them drowns the real secrets.
fn is_placeholder(v: &str) -> bool {
    v.is_empty()
        || v.chars()
            .all(|c| c.is_ascii_lowercase() || c == '_' || c == '-' || c == ' ')
}

/// A literal that looks like a generated secret: long, no spaces, letters
/// and digits mixed, not a placeholder.
fn looks_like_secret(v: &str) -> bool {
    let lower = v.to_ascii_lowercase();
    v.len() >= 16
        && !v.contains(' ')
        && v.chars().any(|c| c.is_ascii_digit())
        && v.chars().any(|c| c.is_ascii_alphabetic())
        && !lower.contains("your")
        && !lower.contains("example")
        && !lower.contains("change")
        && !lower.contains("xxxx")
        && !v.contains("://")
        && !v.contains('/')
}

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    let src = ctx.src();
    for call in &ctx.model.calls {
        for (name, value) in Args::of(call.node, src).keywords {
            if is_password_name(&name) {
                if let Some(v) = string_value(value, src) {
                    if !is_placeholder(&v) {
                        out.push(ctx.finding(
                            &META,
                            value,
                            format!("A hard-coded password is passed as `{name}`."),
                        ));
                    }
                }
            }
        }
    }
    ctx.model.preorder(|n| match n.node_kind() {
        "comparison_operator" => {
            let kids = ast::named_children(n);
            if kids.len() != 2 {
                return;
            }
            let (l, r) = (kids[0], kids[1]);
            let (var, lit) = if string_value(r, src).is_some() {
                (l, r)
            } else {
                (r, l)
            };
            if is_password_name(text(var, src))
                && string_value(lit, src).is_some_and(|v| !is_placeholder(&v))
            {
                out.push(ctx.finding(
                    &META,
                    lit,
                    format!(
                        "`{}` is compared with a hard-coded password.",
                        text(var, src)
                    ),
                ));
            }
        }
        "assignment" => {
            let (Some(l), Some(r)) = (n.field("left"), n.field("right")) else {
                return;
            };
            let Some(v) = string_value(r, src) else {
                return;
            };
            let name = text(l, src);
            if (is_key_name(name) && looks_like_secret(&v))
                || (is_password_name(name) && looks_like_secret(&v))
                || (is_secret_name(name) && looks_like_password(&v))
            {
                out.push(ctx.finding(
                    &META,
                    r,
                    format!("A hard-coded secret is assigned to `{name}`."),
                ));
            }
        }
        _ => {}
    });
}
