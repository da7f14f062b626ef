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
//!
//! ### References
//! - MITRE, CWE-020: <https://cwe.mitre.org/data/definitions/20.html>

use super::PyContext;
use crate::ast::NodeExt;
use crate::ast::{self, text};
use crate::finding::{Finding, Fix, RuleMeta, Severity};
use crate::python::model::{last_component, string_value, Args};
use crate::source::Language;
use regex::Regex;
use std::sync::LazyLock;
use tree_sitter::Node;

pub static META: RuleMeta = RuleMeta {
    id: "py/incomplete-url-substring-sanitization",
    cwe: crate::Cwe::new(20),
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
                    let mut f = ctx.finding(
                        &META,
                        n,
                        format!("'{lit}' may be at any position of the URL, not only in its host."),
                    );
                    f.fix = compare_host(ctx, n, kids[1], &lit);
                    out.push(f);
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
            let mut f = ctx.finding(
                &META,
                call.node,
                format!("`{last}('{lit}')` also accepts other hosts that share this text."),
            );
            f.fix = call
                .node
                .field("function")
                .filter(|f| f.node_kind() == "attribute")
                .and_then(|f| f.field("object"))
                .and_then(|receiver| match last {
                    "endswith" => host_or_subdomain(ctx, call.node, receiver, &l),
                    _ => compare_host(ctx, call.node, receiver, &lit),
                });
            out.push(f);
        }
    }
}

fn is_collection(node: tree_sitter::Node) -> bool {
    matches!(node.node_kind(), "list" | "tuple" | "set" | "dictionary")
}

/// The host of a literal URL or host name: `https://Example.com/api` → `example.com`.
fn host_of(literal: &str) -> Option<String> {
    let rest = literal.split_once("://").map_or(literal, |(_, r)| r);
    let host = rest
        .split(['/', ':', '?', '#'])
        .next()?
        .to_ascii_lowercase();
    HOST.is_match(&host).then_some(host)
}

/// `'https://example.com' in url`, `url.startswith('https://example.com')` → the parsed
/// URL's host compared with the host whole (a bare host name is compared as it is when it
/// does not parse as a URL).
fn compare_host(ctx: &PyContext, check: Node, value: Node, literal: &str) -> Option<Fix> {
    let host = host_of(literal)?;
    let v = ctx.text(value);
    let parsed = if literal.contains("://") {
        format!("urllib.parse.urlparse({v}).hostname")
    } else {
        format!("(urllib.parse.urlparse({v}).hostname or {v})")
    };
    let comparison = format!("{parsed} == {host:?}");
    let mut edits = vec![ctx.edit(check, parenthesized(check, comparison, false))];
    edits.extend(ctx.imports(&["urllib.parse"]));
    ctx.fix("Compare the parsed host, not a substring", edits)
}

/// `host.endswith('example.com')` → the host itself or one of its subdomains
/// (`evil-example.com` no longer passes).
fn host_or_subdomain(ctx: &PyContext, call: Node, receiver: Node, host: &str) -> Option<Fix> {
    let r = ctx.text(receiver);
    ctx.fix(
        "Accept the host or its subdomains only",
        vec![ctx.edit(
            call,
            parenthesized(
                call,
                format!("{r} == {host:?} or {r}.endswith({:?})", format!(".{host}")),
                true,
            ),
        )],
    )
}

/// `expr` in parentheses when, put where `node` was, its operators would bind differently:
/// a comparison inside an operand, an `or` (`boolean`) anywhere but a whole condition,
/// argument, assignment or `return`.
fn parenthesized(node: Node, expr: String, boolean: bool) -> String {
    let parent = node.parent_node().map(|p| p.node_kind()).unwrap_or("module");
    let safe = match parent {
        "return_statement"
        | "assignment"
        | "expression_statement"
        | "parenthesized_expression"
        | "argument_list"
        | "if_statement"
        | "elif_clause"
        | "while_statement"
        | "keyword_argument" => true,
        "not_operator" | "boolean_operator" => !boolean,
        _ => false,
    };
    if safe {
        expr
    } else {
        format!("({expr})")
    }
}
