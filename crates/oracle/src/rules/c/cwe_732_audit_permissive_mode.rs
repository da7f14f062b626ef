//! ## CWE-732: files or directories made writable by everyone (`c/audit-permissive-mode`, audit profile)
//!
//! ### What it does
//! Finds `chmod`, `fchmod`, `mkdir`, `open`/`creat` (with `O_CREAT`) and `umask` calls whose
//! mode lets any user write: an octal constant with the others' write bit (`0777`, `0666`,
//! `0o2`), `S_IWOTH` or `S_IRWXO` in the mode, or `umask(0)`. Only in `--profile audit`:
//! some shared directories are meant to be so (with the sticky bit, which is not flagged).
//!
//! ### Why is this bad?
//! Any local user can change or replace the file: its contents, a script that runs later, a
//! configuration another program trusts.
//!
//! ### Example
//! ```c
//! chmod(path, 0777);
//! ```
//!
//! ### Use instead
//! ```c
//! chmod(path, 0640);
//! ```
//!
//! ### References
//! - MITRE CWE-732, Incorrect Permission Assignment for Critical Resource; CWE-276.

use super::CContext;
use crate::c::model::{call_args, squeezed};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "c/audit-permissive-mode",
    cwe: crate::Cwe::new(732),
    name: "World-writable permissions",
    language: Language::C,
    severity: Severity::Medium,
    summary: "A file or directory is created or set writable by every user.",
};

/// The mode grants the others write access (and is not a sticky shared directory).
fn world_writable(mode: &str) -> bool {
    let m = squeezed(mode);
    if m.contains("S_IWOTH") || m.contains("S_IRWXO") {
        return !m.contains("S_ISVTX");
    }
    let digits = m.trim_start_matches("0o");
    if !m.starts_with('0') || m.len() < 2 || !digits.chars().all(|c| c.is_digit(8)) {
        return false;
    }
    let Ok(v) = u32::from_str_radix(digits, 8) else { return false };
    v & 0o002 != 0 && v & 0o1000 == 0
}

pub fn check(ctx: &CContext, out: &mut Vec<Finding>) {
    for (func, _) in ctx.functions() {
        for &(call, name) in &func.calls {
            let args = call_args(call);
            let mode = match name {
                "chmod" | "fchmod" | "mkdir" | "creat" | "fchmodat" | "mkfifo" => args.last(),
                "open" | "openat" if args.len() >= 3 => args.last(),
                "umask" => {
                    if args.first().is_some_and(|a| ctx.model.const_int(*a) == Some(0)) {
                        out.push(ctx.finding(
                            &META,
                            call,
                            "`umask(0)` lets every file the program creates be writable by everyone.".into(),
                        ));
                    }
                    continue;
                }
                _ => continue,
            };
            if let Some(m) = mode.filter(|m| world_writable(ctx.text(**m))) {
                out.push(ctx.finding(
                    &META,
                    call,
                    format!("`{name}` gives every user write access (mode `{}`).", ctx.text(*m)),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::world_writable;

    #[test]
    fn modes_with_the_others_write_bit_are_world_writable() {
        assert!(world_writable("0777"));
        assert!(world_writable("0666"));
        assert!(world_writable("0o702"));
        assert!(world_writable("S_IRWXU | S_IRWXO"));
        assert!(!world_writable("0755"));
        assert!(!world_writable("0644"));
        // The sticky bit: a shared directory such as /tmp.
        assert!(!world_writable("01777"));
        assert!(!world_writable("mode"));
        assert!(!world_writable("0"));
    }
}
