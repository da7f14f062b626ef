//! ## CWE-094: code injection (`py/code-injection`)
//!
//! ### What it does
//! Finds `eval`, `exec`, `execfile`, `importlib.import_module`, and template
//! compilation (`render_template_string`, `jinja2.Template`) applied to
//! user input or to a function's parameters.
//!
//! ### Why is this bad?
//! The argument is run as Python (or template) code: `__import__('os')
//! .system('id')` gives the attacker the process.
//!
//! ### Example
//! ```python
//! value = eval(request.args.get("expr"))
//! ```
//!
//! ### Use instead
//! ```python
//! import ast
//! value = ast.literal_eval(request.args.get("expr"))
//! ```
//!
//! ### References
//! - MITRE, CWE-094: <https://cwe.mitre.org/data/definitions/94.html>

use super::{report_flows, PyContext};
use crate::ast::NodeExt;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::python::concepts::SinkKind;
use crate::python::model::last_component;
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/code-injection",
    cwe: crate::Cwe::new(94),
    name: "Code injection",
    language: Language::Python,
    severity: Severity::Critical,
    summary: "User-controlled data is evaluated as code.",
};

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    report_flows(
        ctx,
        out,
        &META,
        SinkKind::Code,
        "The code evaluated by",
        |flow| {
            // `eval(x)` → `ast.literal_eval(x)` is mechanical when the call is eval.
            let func = flow.sink.field("function")?;
            if last_component(&flow.callee) != "eval" || flow.callee.contains('→') {
                return None;
            }
            let mut edits = vec![ctx.edit(func, "ast.literal_eval")];
            edits.extend(ctx.add_import("ast"));
            ctx.fix(
                "Use ast.literal_eval, which accepts only Python literals",
                edits,
            )
        },
    );
}
