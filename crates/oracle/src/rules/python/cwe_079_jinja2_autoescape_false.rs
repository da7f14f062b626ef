//! ## CWE-079: Jinja2 templating with autoescape=False (`py/jinja2/autoescape-false`)
//!
//! ### What it does
//! Finds `jinja2.Environment(...)` created without `autoescape` or with
//! `autoescape=False`, and `jinja2.Template(...)`, which never escapes.
//!
//! ### Why is this bad?
//! Variables rendered into HTML are not escaped, so any user data in a
//! template becomes markup and script (cross-site scripting).
//!
//! ### Example
//! ```python
//! env = Environment(loader=FileSystemLoader("templates"))
//! ```
//!
//! ### Use instead
//! ```python
//! env = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape())
//! ```
//!
//! ### References
//! - MITRE, CWE-079: <https://cwe.mitre.org/data/definitions/79.html>

use super::PyContext;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::python::model::Args;
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/jinja2/autoescape-false",
    cwe: crate::Cwe::new(79),
    name: "Jinja2 templating with autoescape=False",
    language: Language::Python,
    severity: Severity::High,
    summary: "A Jinja2 environment renders HTML without escaping.",
};

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    let src = ctx.src();
    for call in
        ctx.calls_where(|q| q == "jinja2.Environment" || q == "jinja2.environment.Environment")
    {
        let args = Args::of(call.node, src);
        if args.has_splat {
            continue;
        }
        match args.keyword("autoescape") {
            Some(v) if ctx.text(v) == "False" => {
                let mut f = ctx.finding(
                    &META,
                    v,
                    "This Jinja2 environment does not escape HTML (autoescape=False).".into(),
                );
                f.fix = ctx.fix("Turn autoescaping on", vec![ctx.edit(v, "True")]);
                out.push(f);
            }
            Some(_) => {}
            None => {
                let mut f = ctx.finding(
                    &META,
                    call.node,
                    "This Jinja2 environment does not escape HTML (autoescape defaults to False)."
                        .into(),
                );
                if let Some(edit) = ctx.add_keyword(call.node, "autoescape=True") {
                    f.fix = ctx.fix("Turn autoescaping on", vec![edit]);
                }
                out.push(f);
            }
        }
    }
}
