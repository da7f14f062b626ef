//! ## CWE-209: stack trace exposure (`py/stack-trace-exposure`)
//!
//! ### What it does
//! Finds web request handlers that return a traceback
//! (`traceback.format_exc()`, `format_exception`, `format_tb`,
//! `format_stack`) in the response. (An exception's message alone,
//! `str(e)`, is not reported: it carries no frames or paths by itself.)
//!
//! ### Why is this bad?
//! Tracebacks and exception texts reveal file paths, library versions,
//! queries and sometimes secrets, which helps an attacker plan the next
//! step.
//!
//! ### Example
//! ```python
//! try:
//!     do_computation()
//! except Exception as e:
//!     return traceback.format_exc()
//! ```
//!
//! ### Use instead
//! ```python
//! except Exception:
//!     app.logger.exception("computation failed")
//!     return "An internal error occurred", 500
//! ```
//!
//! ### References
//! - MITRE, CWE-209: <https://cwe.mitre.org/data/definitions/209.html>

use super::PyContext;
use crate::ast;
use crate::ast::NodeExt;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::python::model::is_route_handler;
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/stack-trace-exposure",
    cwe: crate::Cwe::new(209),
    name: "Information exposure through an exception",
    language: Language::Python,
    severity: Severity::Medium,
    summary: "A stack trace or exception message is returned to the client.",
};

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    let src = ctx.src();
    for func in ctx.model.functions.values() {
        if !is_route_handler(*func, src) {
            continue;
        }
        ast::preorder(*func, |n| {
            if n.node_kind() != "return_statement" {
                return;
            }
            let Some(value) = n.named_child(0) else {
                return;
            };
            let exposed = {
                let mut hit = false;
                ast::preorder(value, |m| {
                    if m.node_kind() == "call" {
                        let q = ctx.model.qualname(m.field("function").unwrap_or(m));
                        if matches!(
                            q.as_str(),
                            "traceback.format_exc"
                                | "traceback.format_exception"
                                | "traceback.format_tb"
                                | "traceback.format_stack"
                        ) {
                            hit = true;
                        }
                    }
                });
                hit
            };
            if exposed {
                out.push(ctx.finding(
                    &META,
                    value,
                    "This response contains a stack trace or exception details.".into(),
                ));
            }
        });
    }
}
