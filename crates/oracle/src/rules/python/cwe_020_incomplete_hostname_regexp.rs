//! ## CWE-020: incomplete regular expression for hostnames (`py/incomplete-hostname-regexp`)
//!
//! ### What it does
//! Finds regular expressions (arguments of `re.compile`, `re.match`,
//! `re.search`, `re.fullmatch`) that match a host name with an unescaped
//! `.` (`"(www|beta).example.com"`), and character ranges such as `[A-z]`
//! that accept more than intended.
//!
//! ### Why is this bad?
//! An unescaped `.` matches any character, so `wwwXexample.com` or
//! `beta.example.com.evil.net` passes a check meant to allow only the
//! site's own hosts; `[A-z]` also admits `[\]^_` and the backtick.
//!
//! ### Example
//! ```python
//! if re.match("(www|beta).example.com/", target):
//!     return redirect(target)
//! ```
//!
//! ### Use instead
//! ```python
//! if re.match(r"^https?://(www|beta)\.example\.com/", target):
//!     return redirect(target)
//! ```
//!
//! ### References
//! - MITRE, CWE-020: <https://cwe.mitre.org/data/definitions/20.html>

use super::PyContext;
use crate::ast::{self, NodeExt};
use crate::finding::{Finding, Fix, RuleMeta, Severity};
use crate::python::model::{string_value, Args};
use crate::source::Language;
use regex::Regex;
use std::sync::LazyLock;
use tree_sitter::Node;

pub static META: RuleMeta = RuleMeta {
    id: "py/incomplete-hostname-regexp",
    cwe: crate::Cwe::new(20),
    name: "Incomplete regular expression for hostnames",
    language: Language::Python,
    severity: Severity::Medium,
    summary: "A host-name regular expression has an unescaped dot or an overly wide range.",
};

/// An unescaped `.` between a label and a TLD-like word: `example.com`.
static UNESCAPED_HOST_DOT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\\])[A-Za-z0-9)\]]\.(?:com|org|net|edu|gov|io|co|uk|de|info|biz|me|app|dev|us|ru|cn|fr|jp|example|test|local|internal)\b").expect("valid regex")
});
/// The same dot, captured, in a literal's source text (where an escaped dot is `\.` in a
/// raw string and `\\.` in a plain one: both have a backslash before the dot).
static HOST_DOT_IN_SOURCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\\])[A-Za-z0-9)\]](\.)(?:com|org|net|edu|gov|io|co|uk|de|info|biz|me|app|dev|us|ru|cn|fr|jp|example|test|local|internal)\b").expect("valid regex")
});
static WIDE_RANGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[[^\]]*(?:A-z|a-Z|0-z|0-Z)[^\]]*\]").expect("valid regex"));

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    let src = ctx.src();
    for call in ctx.calls_where(|q| {
        matches!(
            q,
            "re.compile" | "re.match" | "re.search" | "re.fullmatch" | "re.findall" | "re.sub"
        )
    }) {
        let Some(pat) = Args::of(call.node, src).get(0, "pattern") else {
            continue;
        };
        let Some(value) = string_value(pat, src) else {
            continue;
        };
        if UNESCAPED_HOST_DOT.is_match(&value) {
            let mut f = ctx.finding(
                &META,
                pat,
                format!("This regular expression has an unescaped '.' before a host name part: `{value}` matches more hosts than intended."),
            );
            f.fix = escape_host_dots(ctx, pat);
            out.push(f);
        } else if WIDE_RANGE.is_match(&value) {
            out.push(ctx.finding(
                &META,
                pat,
                format!("The character range in `{value}` is wider than letters."),
            ));
        }
    }
}

/// Escapes each dot before a host-name part in the pattern's literal (`example.com` →
/// `example\.com`), as a raw or a plain string literal needs it. Only a single literal
/// without interpolation is rewritten.
fn escape_host_dots(ctx: &PyContext, pat: Node) -> Option<Fix> {
    if pat.node_kind() != "string"
        || ast::named_children(pat)
            .iter()
            .any(|c| c.node_kind() == "interpolation")
    {
        return None;
    }
    let raw_text = ctx.text(pat);
    let prefix_len = raw_text.find(['\'', '"'])?;
    let raw = raw_text[..prefix_len].contains(['r', 'R']);
    let escaped_dot = if raw { r"\." } else { r"\\." };
    let mut text = raw_text.to_string();
    for _ in 0..16 {
        let Some(dot) = HOST_DOT_IN_SOURCE
            .captures(&text[prefix_len..])
            .and_then(|c| c.get(1))
        else {
            break;
        };
        let at = prefix_len + dot.start();
        text.replace_range(at..at + 1, escaped_dot);
    }
    if text == raw_text {
        return None;
    }
    ctx.fix(
        "Escape the dots of the host name",
        vec![ctx.edit(pat, text)],
    )
}
