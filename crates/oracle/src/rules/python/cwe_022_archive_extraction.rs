//! ## CWE-022: arbitrary file write during archive extraction (`py/tarslip`)
//!
//! ### What it does
//! Finds `TarFile.extractall()`/`extract()` on archives opened with
//! `tarfile.open` without a `filter=` (`"data"`) or a checked `members=`
//! list, and `shutil.unpack_archive`. Writing archive member names to disk
//! by hand is covered by `py/path-injection` (member names are a source).
//!
//! ### Why is this bad?
//! A member named `../../home/user/.bashrc` or an absolute path, or a
//! symlink member, writes outside the destination directory ("tar slip").
//!
//! ### Example
//! ```python
//! with tarfile.open(path) as tar:
//!     tar.extractall("/tmp/out")
//! ```
//!
//! ### Use instead
//! ```python
//! with tarfile.open(path) as tar:
//!     tar.extractall("/tmp/out", filter="data")
//! ```

use super::PyContext;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::python::model::{last_component, Args};
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/tarslip",
    cwe: "CWE-022",
    name: "Arbitrary file write during tarfile extraction",
    language: Language::Python,
    severity: Severity::High,
    summary: "An archive is extracted without confining member paths.",
};

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    let src = ctx.src();
    if !ctx.model.imports_module("tarfile") && !ctx.model.imports_module("shutil") {
        return;
    }
    let uses_tarfile = ctx.model.imports_module("tarfile");
    for call in &ctx.model.calls {
        let last = last_component(&call.qualname);
        let args = Args::of(call.node, src);
        let flagged = match last {
            "extractall" | "extract" if uses_tarfile && !call.qualname.starts_with("zipfile") => {
                args.keyword("filter").is_none() && (last == "extract" || args.keyword("members").is_none())
            }
            _ => call.qualname == "shutil.unpack_archive" && args.keyword("filter").is_none(),
        };
        if !flagged {
            continue;
        }
        let mut f = ctx.finding(
            &META,
            call.node,
            format!("`{}` writes archive members to their own paths, which may leave the target directory.", call.qualname.trim_end_matches("()")),
        );
        if last == "extractall" {
            if let Some(list) = call.node.child_by_field_name("arguments") {
                let inner = ctx.text(list).trim_start_matches('(').trim_end_matches(')').trim().trim_end_matches(',');
                let new = if inner.is_empty() { "(filter=\"data\")".to_string() } else { format!("({inner}, filter=\"data\")") };
                f.fix = ctx.fix("Extract with the 'data' filter (Python ≥ 3.12, backported to 3.8+)", vec![ctx.edit(list, new)]);
            }
        }
        out.push(f);
    }
}
