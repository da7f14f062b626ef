//! ## CWE-416: use after free (`c/use-after-free`)
//!
//! ### What it does
//! Follows each function in statement order and reports a pointer that is
//! read, dereferenced, passed on, or freed again after `free(p)` on a path
//! where it was not reassigned (for example set to `NULL`). Branches are
//! analysed separately; a branch that returns, breaks or exits after the
//! `free` does not reach the code after it.
//!
//! ### Why is this bad?
//! The memory may already hold another object: reading it leaks data,
//! writing it corrupts the allocator or another object, and a double free
//! lets an attacker control later allocations.
//!
//! ### Example
//! ```c
//! free(buf);
//! printf("%s\n", buf);
//! ```
//!
//! ### Use instead
//! ```c
//! printf("%s\n", buf);
//! free(buf);
//! buf = NULL;
//! ```

use super::CContext;
use crate::ast::{self, text};
use crate::c::model::{call_args, call_name, root_name};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;
use std::collections::HashMap;
use tree_sitter::Node;

pub static META: RuleMeta = RuleMeta {
    id: "c/use-after-free",
    cwe: "CWE-416",
    name: "Use after free",
    language: Language::C,
    severity: Severity::Critical,
    summary: "Memory is used after it was freed.",
};

const FREE_FUNCTIONS: &[&str] = &[
    "free",
    "kfree",
    "g_free",
    "av_free",
    "vfree",
    "cfree",
    "xfree",
    "kvfree",
    "PyMem_Free",
];

struct Walker<'c, 'a, 't> {
    ctx: &'c CContext<'a, 't>,
    out: Vec<Finding>,
    reported: Vec<String>,
}

type Freed = HashMap<String, usize>;

impl<'c, 'a, 't> Walker<'c, 'a, 't> {
    fn stmt(&mut self, n: Node<'t>, freed: &mut Freed, depth: usize) -> bool {
        if depth > 300 {
            return false;
        }
        match n.kind() {
            "compound_statement" => {
                for c in ast::named_children(n) {
                    if self.stmt(c, freed, depth + 1) {
                        return true;
                    }
                }
                false
            }
            "if_statement" => {
                if let Some(c) = n.child_by_field_name("condition") {
                    self.expr(c, freed);
                }
                let mut then_f = freed.clone();
                let then_ends = n
                    .child_by_field_name("consequence")
                    .is_some_and(|b| self.stmt(b, &mut then_f, depth + 1));
                let mut else_f = freed.clone();
                let else_ends = n
                    .child_by_field_name("alternative")
                    .is_some_and(|b| self.stmt(b, &mut else_f, depth + 1));
                freed.clear();
                if !then_ends {
                    freed.extend(then_f);
                }
                if !else_ends {
                    freed.extend(else_f);
                }
                then_ends && else_ends
            }
            "else_clause" => ast::named_children(n)
                .into_iter()
                .any(|c| self.stmt(c, freed, depth + 1)),
            "for_statement" | "while_statement" | "do_statement" | "switch_statement"
            | "case_statement" | "labeled_statement" => {
                for c in ast::named_children(n) {
                    if is_stmt(c.kind()) {
                        self.stmt(c, freed, depth + 1);
                    } else {
                        self.expr(c, freed);
                    }
                }
                false
            }
            "return_statement" => {
                self.expr(n, freed);
                true
            }
            "break_statement" | "continue_statement" | "goto_statement" => true,
            _ => {
                self.expr(n, freed);
                // `exit(1);` and `abort();` end the path.
                n.kind() == "expression_statement"
                    && n.named_child(0).is_some_and(|c| {
                        c.kind() == "call_expression"
                            && matches!(
                                call_name(c, self.ctx.src()),
                                "exit" | "abort" | "_exit" | "err" | "errx"
                            )
                    })
            }
        }
    }

    /// Uses in an expression, then its effects (frees and reassignments).
    fn expr(&mut self, n: Node<'t>, freed: &mut Freed) {
        let s = self.ctx.src();
        let mut frees: Vec<(String, Node<'t>)> = Vec::new();
        let mut assigned: Vec<String> = Vec::new();
        ast::preorder(n, |x| match x.kind() {
            "call_expression" if FREE_FUNCTIONS.contains(&call_name(x, s)) => {
                if let Some(a) = call_args(x).first().and_then(|a| root_name(*a, s)) {
                    frees.push((a, x));
                }
            }
            "assignment_expression" => {
                if let Some(l) = x.child_by_field_name("left") {
                    if matches!(l.kind(), "identifier" | "field_expression") {
                        assigned.push(text(l, s).to_string());
                    }
                }
            }
            _ => {}
        });
        if !freed.is_empty() {
            ast::preorder(n, |x| {
                if !matches!(x.kind(), "identifier" | "field_expression") {
                    return;
                }
                let name = text(x, s);
                if !freed.contains_key(name) || self.reported.iter().any(|r| r == name) {
                    return;
                }
                let Some(p) = x.parent() else { return };
                // Being assigned is not a use; sizeof is not a use.
                if p.kind() == "assignment_expression" && p.child_by_field_name("left") == Some(x) {
                    return;
                }
                if ast::ancestor(x, &["sizeof_expression"]).is_some_and(|a| ast::contains(n, a)) {
                    return;
                }
                if p.kind() == "field_expression" && p.child_by_field_name("field") == Some(x) {
                    return;
                }
                let double = p.kind() == "argument_list"
                    && p.parent()
                        .is_some_and(|c| FREE_FUNCTIONS.contains(&call_name(c, s)));
                let msg = if double {
                    format!("`{name}` is freed twice.")
                } else {
                    format!("`{name}` is used after it was freed.")
                };
                self.reported.push(name.to_string());
                self.out.push(self.ctx.finding(&META, x, msg));
            });
        }
        for a in assigned {
            freed.remove(&a);
        }
        for (name, call) in frees {
            freed.insert(name, call.end_byte());
        }
    }
}

fn is_stmt(kind: &str) -> bool {
    kind.ends_with("_statement") || kind == "compound_statement" || kind == "declaration"
}

pub fn check(ctx: &CContext, out: &mut Vec<Finding>) {
    for (func, _) in ctx.functions() {
        let mut w = Walker {
            ctx,
            out: Vec::new(),
            reported: Vec::new(),
        };
        let mut freed = Freed::new();
        w.stmt(func.body, &mut freed, 0);
        out.extend(w.out);
    }
}
