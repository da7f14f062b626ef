//! ## CWE-377: temporary file name made before the file (`c/insecure-temp-file`)
//!
//! ### What it does
//! Finds `tmpnam`, `tempnam`, `mktemp` (and their `_`-prefixed Windows forms): calls that
//! return a name for a temporary file without creating it.
//!
//! ### Why is this bad?
//! Between the name being chosen and the file being opened, another process can create a
//! file or a symbolic link of that name, so the program writes where the attacker chose. No
//! use of these calls is safe, which is why this rule is in the precise profile.
//!
//! ### Example
//! ```c
//! char name[L_tmpnam];
//! tmpnam(name);
//! FILE *f = fopen(name, "w");
//! ```
//!
//! ### Use instead
//! ```c
//! char name[] = "/tmp/reportXXXXXX";
//! int fd = mkstemp(name);
//! FILE *f = fdopen(fd, "w");
//! ```
//!
//! ### References
//! - MITRE CWE-377, Insecure Temporary File.
//! - CERT FIO21-C, Do not create temporary files in shared directories.

use super::CContext;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "c/insecure-temp-file",
    cwe: crate::Cwe::new(377),
    name: "Temporary file name made before the file",
    language: Language::C,
    severity: Severity::Medium,
    summary: "tmpnam/tempnam/mktemp name a file another process can create first.",
};

pub fn check(ctx: &CContext, out: &mut Vec<Finding>) {
    for (func, _) in ctx.functions() {
        for &(call, _) in &func.calls {
            let name = ctx.model.call_name(call);
            let name = name.strip_prefix("std::").unwrap_or(name);
            if matches!(name, "tmpnam" | "tmpnam_r" | "tempnam" | "mktemp" | "_mktemp" | "_tempnam") {
                out.push(ctx.finding(
                    &META,
                    call,
                    format!("`{name}` names a temporary file without creating it; use `mkstemp`."),
                ));
            }
        }
    }
}
