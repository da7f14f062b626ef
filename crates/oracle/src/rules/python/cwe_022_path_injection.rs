//! ## CWE-022: path traversal (`py/path-injection`)
//!
//! ### What it does
//! Finds file-system operations (`open`, `os.remove`, `shutil.*`,
//! `send_file`, `pathlib` reads/writes …) whose path comes from request data
//! or from member names of an archive, without `os.path.basename`,
//! `secure_filename`, `safe_join`, or a check that the resolved path stays
//! under a base directory.
//!
//! ### Why is this bad?
//! `../../etc/passwd` or an absolute path escapes the intended directory, so
//! an attacker reads or overwrites any file the program can reach.
//!
//! ### Example
//! ```python
//! filename = request.args.get("file")
//! return open(os.path.join("/srv/images", filename), "rb").read()
//! ```
//!
//! ### Use instead
//! ```python
//! filename = request.args.get("file")
//! path = os.path.realpath(os.path.join("/srv/images", filename))
//! if not path.startswith("/srv/images/"):
//!     abort(403)
//! return open(path, "rb").read()
//! ```
//!
//! ### References
//! - MITRE, CWE-022: <https://cwe.mitre.org/data/definitions/22.html>

use super::{report_flows, PyContext};
use crate::ast::NodeExt;
use crate::finding::Fix;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::python::concepts::SinkKind;
use crate::python::model::Args;
use crate::python::taint::Flow;
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/path-injection",
    cwe: crate::Cwe::new(22),
    name: "Uncontrolled data used in path expression",
    language: Language::Python,
    severity: Severity::High,
    summary: "A file path is built from user-controlled data without confinement.",
};

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    report_flows(
        ctx,
        out,
        &META,
        SinkKind::Path,
        "The path used by",
        |flow| confine(ctx, flow),
    );
}

/// Resolves the path (`os.path.realpath` follows `..` and symlinks) and refuses it unless
/// it lies under the directory it was meant for: the first part of an `os.path.join`, else
/// the working directory. The check goes right before the statement that uses the path.
fn confine(ctx: &PyContext, flow: &Flow) -> Option<Fix> {
    if flow.callee.contains('→') {
        return None;
    }
    let stmt = ctx.statement_of(flow.sink)?;
    if matches!(
        stmt.node_kind(),
        "function_definition" | "class_definition" | "decorated_definition"
    ) {
        return None;
    }
    let arg = flow.arg;
    let base = match arg.node_kind() {
        "call" if ctx.model.qualname(arg.field("function")?) == "os.path.join" => {
            let first = *Args::of(arg, ctx.src()).positional.first()?;
            ctx.text(first).to_string()
        }
        _ => "os.getcwd()".to_string(),
    };
    let mut edits = Vec::new();
    let var = if arg.node_kind() == "identifier" {
        ctx.text(arg).to_string()
    } else {
        let index = Args::of(flow.sink, ctx.src())
            .positional
            .iter()
            .position(|a| *a == arg)
            .unwrap_or(0);
        let name = match index {
            0 => "safe_path".to_string(),
            i => format!("safe_path_{}", i + 1),
        };
        edits.push(ctx.edit(arg, name.clone()));
        name
    };
    edits.push(ctx.insert_before(
        stmt,
        &[
            format!("{var} = os.path.realpath({})", ctx.text(arg)),
            format!(
                "if not {var}.startswith(os.path.realpath({base}) + os.sep):\n    raise ValueError(\"path outside the allowed directory\")"
            ),
        ],
    ));
    edits.extend(ctx.imports(&["os"]));
    ctx.fix(
        "Resolve the path and refuse it outside its directory",
        edits,
    )
}
