//! ## CWE-732: overly permissive file permissions (`py/overly-permissive-file`)
//!
//! ### What it does
//! Finds `os.chmod`, `os.fchmod`, `os.lchmod`, `Path.chmod`, `os.open`,
//! `os.mkdir`, `os.makedirs` and `os.mknod` with a constant mode that gives
//! other users any access, or the group any access when others have none
//! (CodeQL's criterion), for example `0o777`, `0o666` or `0o755`.
//!
//! ### Why is this bad?
//! Any local user (or a compromised service account) can modify the file:
//! replace a script that is later executed, or alter configuration.
//!
//! ### Example
//! ```python
//! os.chmod("/var/app/run.sh", 0o777)
//! ```
//!
//! ### Use instead
//! ```python
//! os.chmod("/var/app/run.sh", 0o700)
//! ```
//!
//! ### References
//! - MITRE, CWE-732: <https://cwe.mitre.org/data/definitions/732.html>

use super::PyContext;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::python::model::{int_value, last_component, Args};
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/overly-permissive-file",
    cwe: crate::Cwe::new(732),
    name: "Overly permissive file permissions",
    language: Language::Python,
    severity: Severity::High,
    summary: "A file or directory is given permissions that let other users modify it.",
};

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    for call in &ctx.model.calls {
        let q = call.qualname.as_str();
        let args = Args::of(call.node, ctx.src());
        let mode = match q {
            "os.chmod" | "os.fchmod" | "os.lchmod" => args.get(1, "mode"),
            "os.open" => args.get(2, "mode"),
            "os.mkdir" | "os.makedirs" | "os.mknod" => args.get(1, "mode"),
            _ if last_component(q) == "chmod" && !q.starts_with("os.") => args.get(0, "mode"),
            _ => None,
        };
        let Some(mode) = mode else { continue };
        let Some(value) = int_value(mode, ctx.model) else {
            continue;
        };
        let other = value & 0o7;
        let group = (value >> 3) & 0o7;
        // CodeQL's judgement: any permission for others, or (when others
        // have none) any for the group, is too permissive.
        let (who, bits) = if other != 0 {
            ("all users", other)
        } else {
            ("the group", group)
        };
        if bits != 0 {
            let access = if bits & 0o2 != 0 { "write" } else { "read" };
            let mut f = ctx.finding(
                &META,
                mode,
                format!("Mode {value:#o} given to `{q}` lets {who} {access} this path."),
            );
            let safe = value & !0o077;
            f.fix = ctx.fix(
                "Keep permissions to the owner",
                vec![ctx.edit(mode, format!("0o{safe:o}"))],
            );
            out.push(f);
        }
    }
}
