//! ## CWE-020: incomplete URL substring sanitization (`py/incomplete-url-substring-sanitization`)
//!
//! ### What it does
//! Finds checks of a URL against a trusted host by substring: `"example.com"
//! in url`, `url.endswith("example.com")` without a leading dot, and
//! `url.startswith("https://example.com")` without the `/` that ends the
//! host.
//!
//! ### Why is this bad?
//! `https://evil.net/?example.com`, `https://notexample.com` and
//! `https://example.com.evil.net` all pass, so the "validated" URL can point
//! anywhere.
//!
//! ### Example
//! ```python
//! if "example.com" in target:
//!     return redirect(target)
//! ```
//!
//! ### Use instead
//! ```python
//! if urlparse(target).hostname in ("example.com", "www.example.com"):
//!     return redirect(target)
//! ```

use super::PyContext;
use crate::ast::NodeExt;
use crate::ast::{self, text};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::python::model::{last_component, string_value, Args};
use crate::source::Language;
use regex::Regex;
use std::sync::LazyLock;

pub static META: RuleMeta = RuleMeta {
    id: "py/incomplete-url-substring-sanitization",
    cwe: "CWE-020",
    name: "Incomplete URL substring sanitization",
    language: Language::Python,
    severity: Severity::Medium,
    summary: "A URL is checked against a host name by substring.",
};

/// A bare host name with a TLD (`example.com`, `www.foo.org`).
static HOST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[a-z0-9-]+\.)+(?:com|org|net|edu|gov|io|co|uk|de|info|biz|me|app|dev|us|example)$",
    )
    .expect("valid regex")
});
/// A URL whose host is not terminated by `/`, `:` or the end of a path.
static URL_PREFIX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^https?://[A-Za-z0-9.-]+$").expect("valid regex"));

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    let src = ctx.src();
    ctx.model.preorder(|n| {
        if n.node_kind() != "comparison_operator" {
            return;
        }
        let kids = ast::named_children(n);
        let mut c = n.walk();
        let ops: Vec<&str> = n
            .children(&mut c)
            .filter(|x| !x.is_named())
            .map(|x| text(x, src))
            .collect();
        if kids.len() == 2 && ops == ["in"] {
            if let Some(lit) = string_value(kids[0], src) {
                let l = lit.to_ascii_lowercase();
                if (HOST.is_match(&l) || l.starts_with("http://") || l.starts_with("https://"))
                    && !is_collection(kids[1])
                {
                    out.push(ctx.finding(
                        &META,
                        n,
                        format!("'{lit}' may be at any position of the URL, not only in its host."),
                    ));
                }
            }
        }
    });
    for call in &ctx.model.calls {
        let last = last_component(&call.qualname);
        if last != "endswith" && last != "startswith" {
            continue;
        }
        let Some(arg) = Args::of(call.node, src).positional.first().copied() else {
            continue;
        };
        let Some(lit) = string_value(arg, src) else {
            continue;
        };
        let l = lit.to_ascii_lowercase();
        let bad = match last {
            "endswith" => HOST.is_match(&l),
            _ => URL_PREFIX.is_match(&l),
        };
        if bad {
            out.push(ctx.finding(
                &META,
                call.node,
                format!("`{last}('{lit}')` also accepts other hosts that share this text."),
            ));
        }
    }
}

fn is_collection(node: tree_sitter::Node) -> bool {
    matches!(node.node_kind(), "list" | "tuple" | "set" | "dictionary")
}
