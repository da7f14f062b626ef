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

use super::PyContext;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::python::model::{string_value, Args};
use crate::source::Language;
use regex::Regex;
use std::sync::LazyLock;

pub static META: RuleMeta = RuleMeta {
    id: "py/incomplete-hostname-regexp",
    cwe: "CWE-020",
    name: "Incomplete regular expression for hostnames",
    language: Language::Python,
    severity: Severity::Medium,
    summary: "A host-name regular expression has an unescaped dot or an overly wide range.",
};

/// An unescaped `.` between a label and a TLD-like word: `example.com`.
static UNESCAPED_HOST_DOT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\\])[A-Za-z0-9)\]]\.(?:com|org|net|edu|gov|io|co|uk|de|info|biz|me|app|dev|us|ru|cn|fr|jp|example|test|local|internal)\b").expect("valid regex")
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
            out.push(ctx.finding(
                &META,
                pat,
                format!("This regular expression has an unescaped '.' before a host name part: `{value}` matches more hosts than intended."),
            ));
        } else if WIDE_RANGE.is_match(&value) {
            out.push(ctx.finding(
                &META,
                pat,
                format!("The character range in `{value}` is wider than letters."),
            ));
        }
    }
}
