//! ## CWE-116: bad HTML filtering regexp (`py/bad-tag-filter`)
//!
//! ### What it does
//! Finds regular expressions that try to strip or detect `<script>` tags or
//! HTML comments but miss variants browsers accept: case-sensitive
//! `<script` patterns, a literal `</script>` (browsers also end the element
//! at `</script >` or `</SCRIPT foo>`), and `<!--.*-->` (which misses `--!>`).
//!
//! ### Why is this bad?
//! Filtering HTML with a regular expression is bypassed by such variants,
//! and the "sanitized" markup still runs script.
//!
//! ### Example
//! ```python
//! clean = re.sub(r"<script>.*?</script>", "", html)
//! ```
//!
//! ### Use instead
//! ```python
//! import bleach
//! clean = bleach.clean(html)
//! ```
//!
//! ### References
//! - MITRE, CWE-116: <https://cwe.mitre.org/data/definitions/116.html>

use super::PyContext;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::python::model::{string_value, Args};
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/bad-tag-filter",
    cwe: crate::Cwe::new(116),
    name: "Bad HTML filtering regexp",
    language: Language::Python,
    severity: Severity::Medium,
    summary: "A regular expression used to filter HTML misses tag variants browsers accept.",
};

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    let src = ctx.src();
    for call in ctx.calls_where(|q| q.starts_with("re.") || q.starts_with("regex.")) {
        let args = Args::of(call.node, src);
        let Some(pat) = args.get(0, "pattern") else {
            continue;
        };
        let Some(value) = string_value(pat, src) else {
            continue;
        };
        let lower = value.to_ascii_lowercase();
        let flags_text = args
            .positional
            .iter()
            .skip(1)
            .chain(args.keywords.iter().map(|(_, v)| v))
            .map(|a| ctx.text(*a))
            .collect::<Vec<_>>()
            .join(" ");
        let ignore_case = flags_text.contains("IGNORECASE")
            || flags_text.contains("re.I")
            || value.contains("(?i");
        let problem = if lower.contains("<script") || lower.contains("</script") {
            if lower.contains("</script>") {
                Some("a literal `</script>` does not match `</script >` or `</script foo>`")
            } else if !ignore_case && !value.contains("[Ss]") && !value.contains("[sS]") {
                Some("the match is case-sensitive, so `<SCRIPT>` passes")
            } else {
                None
            }
        } else if value.contains("<!--") && value.contains("-->") && !value.contains("--!?>") {
            Some("`-->` does not match the comment end `--!>`")
        } else {
            None
        };
        if let Some(why) = problem {
            out.push(ctx.finding(
                &META,
                pat,
                format!("This HTML filter is incomplete: {why}."),
            ));
        }
    }
}
