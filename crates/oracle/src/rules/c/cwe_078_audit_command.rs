//! ## CWE-078: commands that are not constants (`c/audit-command`, audit profile)
//!
//! ### What it does
//! Finds `system` and `popen` whose command is not a string literal (or a string macro), and
//! `execl`/`execlp`/`execv`/`execvp` whose program is not one. Only in `--profile audit`;
//! `c/command-injection` reports the proven flows.
//!
//! ### Why is this bad?
//! Any part of a shell command that is not fixed can carry metacharacters, and a program path
//! that is not fixed can name another program.
//!
//! ### Example
//! ```c
//! int list(const char *dir) {
//!     char cmd[256];
//!     snprintf(cmd, sizeof cmd, "ls %s", dir);
//!     return system(cmd);
//! }
//! ```
//!
//! ### Use instead
//! ```c
//! int list(const char *dir) {
//!     execlp("ls", "ls", "--", dir, (char *)NULL);
//!     return -1;
//! }
//! ```
//!
//! ### References
//! - MITRE, CWE-078: <https://cwe.mitre.org/data/definitions/78.html>
//! - flawfinder's shell checks: <https://dwheeler.com/flawfinder/>

use super::{audit_calls, CContext};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "c/audit-command",
    cwe: crate::Cwe::new(78),
    name: "Command from a non-constant string",
    language: Language::C,
    severity: Severity::Medium,
    summary: "A shell or program runs a command that is not a constant.",
};

pub fn check(ctx: &CContext, out: &mut Vec<Finding>) {
    audit_calls(
        ctx,
        &META,
        out,
        &[
            "system", "popen", "_popen", "_wsystem", "_wpopen", "execl", "execlp", "execv",
            "execvp", "_spawnl", "_spawnlp", "_spawnv", "_spawnvp",
        ],
        // A shell's or program's every argument: `execl("/bin/sh", "sh", "-c", cmd, NULL)`
        // (after the mode for `_spawnl(_P_WAIT, …)`).
        |name, n| match name {
            "system" | "popen" | "_popen" | "_wsystem" | "_wpopen" => vec![0],
            _ if name.starts_with("_spawn") => (1..n).collect(),
            _ => (0..n).collect(),
        },
        |name| format!("`{name}` runs a command that is not a constant."),
    );
}
