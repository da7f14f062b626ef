//! ## CWE-022: a file path built from a variable (`py/audit-path`, audit profile)
//!
//! ### What it does
//! Finds `open`, `os.remove`, `os.unlink`, `shutil.rmtree` and `send_file` whose path is built
//! by formatting, concatenation or `os.path.join` with a part that is not a constant. Only in
//! `--profile audit`; `py/path-injection` reports the proven flows.
//!
//! ### Why is this bad?
//! A part that can hold `..` or an absolute path leaves the intended directory.
//!
//! ### Example
//! ```python
//! import os
//!
//! def read_note(name):
//!     with open(os.path.join(\"notes\", name)) as f:
//!         return f.read()
//! ```
//!
//! ### Use instead
//! ```python
//! import os
//!
//! BASE = os.path.realpath(\"notes\")
//!
//! def read_note(name):
//!     path = os.path.realpath(os.path.join(BASE, name))
//!     if not path.startswith(BASE + os.sep):
//!         raise ValueError(name)
//!     with open(path) as f:
//!         return f.read()
//! ```
//!
//! ### References
//! - MITRE, CWE-022: <https://cwe.mitre.org/data/definitions/22.html>

use super::PyContext;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/audit-path",
    cwe: crate::Cwe::new(22),
    name: "File path built from a variable",
    language: Language::Python,
    severity: Severity::Low,
    summary: "A file is opened at a path built from a non-constant part.",
};

/// A path assembled from parts, one of them not a constant.
fn built(n: tree_sitter::Node, ctx: &PyContext) -> bool {
    use crate::ast::NodeExt;
    let src = ctx.src();
    match n.node_kind() {
        "string" => crate::ast::named_children(n)
            .iter()
            .any(|c| c.node_kind() == "interpolation"),
        "binary_operator" => !crate::python::model::is_constant(n, src),
        "call" => {
            let q = ctx.model.qualname(n);
            q == "os.path.join" && {
                let args = crate::python::model::Args::of(n, src);
                args.positional
                    .iter()
                    .any(|a| !crate::python::model::is_constant(*a, src))
            }
        }
        _ => false,
    }
}

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    ctx.audit_calls(
        &META,
        out,
        |q| {
            matches!(
                q,
                "open" | "os.remove" | "os.unlink" | "shutil.rmtree" | "flask.send_file"
                    | "send_file" | "io.open"
            )
        },
        |a| a.get(0, "file").filter(|p| built(*p, ctx)),
        |q| format!("`{q}` uses a path built from a part that is not a constant."),
    );
}
