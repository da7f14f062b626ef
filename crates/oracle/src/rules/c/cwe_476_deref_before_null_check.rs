//! ## CWE-476: dereference before NULL check (`c/deref-before-null-check`)
//!
//! ### What it does
//! Finds a pointer that is dereferenced (`p->f`, `*p`, `p[i]`) and only
//! afterwards compared with NULL (`if (!p)`, `if (p == NULL)`) in the same
//! function, with no assignment to it in between.
//!
//! ### Why is this bad?
//! The later check says the pointer can be NULL, so the earlier
//! dereference crashes (or, in the kernel, is exploitable) in exactly the
//! case the author anticipated; compilers may even delete the check.
//!
//! ### Example
//! ```c
//! int len = req->len;
//! if (req == NULL)
//!     return -EINVAL;
//! ```
//!
//! ### Use instead
//! ```c
//! if (req == NULL)
//!     return -EINVAL;
//! int len = req->len;
//! ```
//!
//! ### References
//! - MITRE, CWE-476: <https://cwe.mitre.org/data/definitions/476.html>

use super::CContext;
use crate::ast::NodeExt;
use crate::ast::{self, text};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;
use tree_sitter::Node;

pub static META: RuleMeta = RuleMeta {
    id: "c/deref-before-null-check",
    cwe: crate::Cwe::new(476),
    name: "Dereference before NULL check",
    language: Language::C,
    severity: Severity::High,
    summary: "A pointer is dereferenced before the code checks it for NULL.",
};

/// The pointer expression a null test examines: `!p`, `p == NULL`,
/// `NULL == p`, `p == 0`, `!(p)`.
fn null_tested<'t>(cond: Node<'t>, s: &str) -> Option<Node<'t>> {
    let mut c = cond;
    while c.node_kind() == "parenthesized_expression" {
        c = c.named_child(0)?;
    }
    match c.node_kind() {
        "unary_expression" if c.child(0).is_some_and(|o| o.node_kind() == "!") => {
            let mut a = c.field("argument")?;
            while a.node_kind() == "parenthesized_expression" {
                a = a.named_child(0)?;
            }
            matches!(a.node_kind(), "identifier" | "field_expression").then_some(a)
        }
        "binary_expression" => {
            let op = text(c.field("operator")?, s);
            if op != "==" {
                return None;
            }
            let (l, r) = (c.field("left")?, c.field("right")?);
            let is_null = |n: Node| matches!(text(n, s), "NULL" | "0" | "nullptr" | "((void *)0)");
            if is_null(r) && matches!(l.node_kind(), "identifier" | "field_expression") {
                Some(l)
            } else if is_null(l) && matches!(r.node_kind(), "identifier" | "field_expression") {
                Some(r)
            } else {
                None
            }
        }
        _ => None,
    }
}

pub fn check(ctx: &CContext, out: &mut Vec<Finding>) {
    let s = ctx.src();
    for (func, _) in ctx.functions() {
        let mut tests: Vec<(Node, String)> = Vec::new();
        func.preorder(|n| {
            if n.node_kind() == "if_statement" {
                if let Some(cond) = n.field("condition") {
                    if let Some(p) = null_tested(cond, s) {
                        tests.push((cond, text(p, s).to_string()));
                    }
                }
            }
        });
        let mut reported: Vec<String> = Vec::new();
        for (cond, ptr) in tests {
            if reported.contains(&ptr) {
                continue;
            }
            // The first dereference of `ptr` before the test, after its
            // last assignment.
            let mut last_assign = func.body.start_byte();
            let mut deref: Option<Node> = None;
            func.preorder(|n| {
                if n.start_byte() >= cond.start_byte() {
                    return;
                }
                match n.node_kind() {
                    "assignment_expression"
                        if n.field("left").is_some_and(|l| text(l, s) == ptr) =>
                    {
                        last_assign = n.end_byte();
                        deref = None;
                    }
                    "init_declarator"
                        if n.field("declarator")
                            .is_some_and(|d| text(d, s).trim_start_matches('*').trim() == ptr) =>
                    {
                        last_assign = n.end_byte();
                        deref = None;
                    }
                    "field_expression" | "pointer_expression" | "subscript_expression" => {
                        if deref.is_some() || n.start_byte() < last_assign {
                            return;
                        }
                        let is_deref = match n.node_kind() {
                            "field_expression" => n.child(1).is_some_and(|o| o.node_kind() == "->"),
                            "pointer_expression" => {
                                n.child(0).is_some_and(|o| o.node_kind() == "*")
                            }
                            _ => true,
                        };
                        let base = n.field("argument");
                        if is_deref
                            && base.is_some_and(|b| text(b, s) == ptr)
                            && ast::ancestor(n, &["sizeof_expression"]).is_none()
                        {
                            deref = Some(n);
                        }
                    }
                    _ => {}
                }
            });
            if let Some(d) = deref {
                reported.push(ptr.clone());
                let line = ctx.line(cond);
                out.push(ctx.finding(
                    &META,
                    d,
                    format!("`{ptr}` is dereferenced here but checked for NULL only later (line {line})."),
                ));
            }
        }
    }
}
