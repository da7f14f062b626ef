//! ## CWE-215: Flask app run in debug mode (`py/flask-debug`)
//!
//! ### What it does
//! Finds `app.run(debug=True)` in files that use Flask.
//!
//! ### Why is this bad?
//! The Werkzeug debugger lets anyone who can trigger an error run
//! arbitrary Python in the server process from the browser.
//!
//! ### Example
//! ```python
//! app.run(debug=True)
//! ```
//!
//! ### Use instead
//! ```python
//! app.run(debug=os.environ.get("FLASK_DEBUG") == "1")
//! ```
//!
//! ### References
//! - MITRE, CWE-215: <https://cwe.mitre.org/data/definitions/215.html>

use super::PyContext;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::python::model::{last_component, Args};
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/flask-debug",
    cwe: crate::Cwe::new(215),
    name: "Flask app is run in debug mode",
    language: Language::Python,
    severity: Severity::High,
    summary: "A Flask application runs with the interactive debugger enabled.",
};

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    if !ctx.model.imports_module("flask") {
        return;
    }
    for call in &ctx.model.calls {
        if last_component(&call.qualname) != "run" {
            continue;
        }
        if let Some(v) = Args::of(call.node, ctx.src()).keyword("debug") {
            if ctx.text(v) == "True" {
                let mut f = ctx.finding(
                    &META,
                    v,
                    "The Flask debugger is enabled: it executes code sent from the browser.".into(),
                );
                f.fix = ctx.fix("Turn the debugger off", vec![ctx.edit(v, "False")]);
                out.push(f);
            }
        }
    }
}
