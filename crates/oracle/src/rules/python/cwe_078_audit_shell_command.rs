//! ## CWE-078: a shell runs a non-constant command (`py/audit-shell-command`, audit profile)
//!
//! ### What it does
//! Finds `os.system`, `os.popen`, `commands.getoutput` and `subprocess` calls with `shell=True`
//! whose command is not a constant, whether or not the oracle can show where its parts come
//! from. Only in `--profile audit`; the precise rule `py/command-injection` reports the proven
//! flows.
//!
//! ### Why is this bad?
//! A shell reads the command's metacharacters: any part that a user can influence, now or after
//! the next refactoring, can run commands of its own.
//!
//! ### Example
//! ```python
//! import os
//!
//! def archive(name):
//!     os.system("tar czf backup.tgz " + name)
//! ```
//!
//! ### Use instead
//! ```python
//! import subprocess
//!
//! def archive(name):
//!     subprocess.run(["tar", "czf", "backup.tgz", "--", name], check=True)
//! ```
//!
//! ### References
//! - MITRE, CWE-078: <https://cwe.mitre.org/data/definitions/78.html>
//! - Bandit B602/B605: <https://bandit.readthedocs.io/en/latest/plugins/index.html>

use super::PyContext;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/audit-shell-command",
    cwe: crate::Cwe::new(78),
    name: "Shell command from a non-constant string",
    language: Language::Python,
    severity: Severity::Medium,
    summary: "A shell runs a command that is not a constant.",
};

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    ctx.audit_calls(
        &META,
        out,
        |q| matches!(q, "os.system" | "os.popen" | "commands.getoutput" | "commands.getstatusoutput"),
        |a| a.get(0, "command").or_else(|| a.get(0, "cmd")),
        |q| format!("`{q}` runs a command that is not a constant through the shell."),
    );
    ctx.audit_calls(
        &META,
        out,
        |q| q.starts_with("subprocess."),
        |a| {
            let shell = a.keyword("shell")?;
            (crate::ast::NodeExt::node_kind(&shell) == "true").then(|| a.get(0, "args"))?
        },
        |q| format!("`{q}` runs a command that is not a constant with `shell=True`."),
    );
}
