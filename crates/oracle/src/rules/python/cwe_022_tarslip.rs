//! ## CWE-022: arbitrary file write during archive extraction (`py/tarslip`)
//!
//! ### What it does
//! Finds `TarFile.extractall()` on archives opened with `tarfile.open`
//! without a `filter=` (`"data"`) or a checked `members=` list, and
//! `shutil.unpack_archive`. Extracting members one by one (`extract(m)` for
//! `m in getmembers()` without a path check) and writing member names to
//! disk by hand are covered by `py/path-injection` (member names are a
//! source).
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
//!
//! ### References
//! - MITRE, CWE-022: <https://cwe.mitre.org/data/definitions/22.html>

use super::PyContext;
use crate::ast::NodeExt;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::python::model::{last_component, Args};
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/tarslip",
    cwe: crate::Cwe::new(22),
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
            "extractall" if uses_tarfile => {
                args.keyword("filter").is_none()
                    && args.keyword("members").is_none()
                    && receiver_is_tarfile(ctx, call.node)
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
            if let Some(edit) = ctx.add_keyword(call.node, "filter=\"data\"") {
                f.fix = ctx.fix(
                    "Extract with the 'data' filter (Python ≥ 3.12, backported to 3.8+)",
                    vec![edit],
                );
            }
        }
        out.push(f);
    }
}

/// True if the receiver of `x.extractall()` was opened with `tarfile`
/// (`x = tarfile.open(…)` or `with tarfile.open(…) as x`), so zip archives,
/// whose extraction sanitizes member names, are not reported.
fn receiver_is_tarfile(ctx: &PyContext, call: tree_sitter::Node) -> bool {
    let Some(recv) = call.field("function").and_then(|f| f.field("object")) else {
        return false;
    };
    if recv.node_kind() == "call" {
        return ctx.model.qualname(recv).starts_with("tarfile.");
    }
    let name = ctx.text(recv);
    let mut found = false;
    ctx.model.preorder(|n| {
        let (target, value) = match n.node_kind() {
            "assignment" => (n.field("left"), n.field("right")),
            "as_pattern" => (
                n.field("alias").and_then(|a| a.named_child(0).or(Some(a))),
                n.named_child(0),
            ),
            _ => return,
        };
        if let (Some(t), Some(v)) = (target, value) {
            if ctx.text(t) == name
                && v.node_kind() == "call"
                && ctx.model.qualname(v).starts_with("tarfile.")
            {
                found = true;
            }
        }
    });
    found
}
