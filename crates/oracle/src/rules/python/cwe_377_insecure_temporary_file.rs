//! ## CWE-377: insecure temporary file (`py/insecure-temporary-file`)
//!
//! ### What it does
//! Finds `tempfile.mktemp`, `os.tempnam` and `os.tmpnam`, which return a
//! name for a temporary file without creating it.
//!
//! ### Why is this bad?
//! Between getting the name and opening it, another process can create the
//! file (or a symlink to a sensitive file) at that path and read or
//! redirect what the program writes.
//!
//! ### Example
//! ```python
//! path = tempfile.mktemp()
//! with open(path, "w") as f:
//!     f.write(data)
//! ```
//!
//! ### Use instead
//! ```python
//! with tempfile.NamedTemporaryFile("w", delete=False) as f:
//!     f.write(data)
//! ```
//!
//! ### References
//! - MITRE, CWE-377: <https://cwe.mitre.org/data/definitions/377.html>

use super::PyContext;
use crate::ast::NodeExt;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/insecure-temporary-file",
    cwe: crate::Cwe::new(377),
    name: "Insecure temporary file",
    language: Language::Python,
    severity: Severity::Medium,
    summary: "A temporary file name is created without creating the file securely.",
};

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    for call in ctx.calls_where(|q| matches!(q, "tempfile.mktemp" | "os.tempnam" | "os.tmpnam")) {
        let mut f = ctx.finding(
            &META,
            call.node,
            format!(
                "`{}` returns a file name that another process can take first.",
                call.qualname
            ),
        );
        if call.qualname == "tempfile.mktemp" {
            // `tempfile.mktemp(args)` → `tempfile.NamedTemporaryFile(args, delete=False).name`
            if let (Some(attr), Some(kw)) = (
                call.node
                    .field("function")
                    .and_then(|f| f.field("attribute").or(Some(f))),
                ctx.add_keyword(call.node, "delete=False"),
            ) {
                let end = call.node.end_byte();
                let suffix = crate::finding::Edit {
                    span: ctx.file.span(end, end),
                    replacement: ".name".into(),
                };
                let name = if ctx.text(attr) == "mktemp" {
                    "NamedTemporaryFile"
                } else {
                    "tempfile.NamedTemporaryFile"
                };
                f.fix = ctx.fix(
                    "Create the file atomically with NamedTemporaryFile(delete=False)",
                    vec![ctx.edit(attr, name), kw, suffix],
                );
            }
        }
        out.push(f);
    }
}
