//! ## CWE-330: C library random numbers (`c/audit-weak-random`, audit profile)
//!
//! ### What it does
//! Finds `rand`, `random`, `srand`, `srandom` and the `drand48` family. Only in
//! `--profile audit`: whether the value protects anything (a token, a key, a session id) is
//! not proven, as Bandit's and flawfinder's checks of the same calls do not prove it.
//!
//! ### Why is this bad?
//! These generators are predictable: a few outputs, or the seed (often `time(NULL)`), give
//! away every later value.
//!
//! ### Example
//! ```c
//! srand(time(NULL));
//! int session = rand();
//! ```
//!
//! ### Use instead
//! ```c
//! unsigned char session[16];
//! getrandom(session, sizeof session, 0);
//! ```
//!
//! ### References
//! - MITRE CWE-330, Use of Insufficiently Random Values; CWE-338.
//! - CERT MSC30-C, Do not use the rand() function for generating pseudorandom numbers.

use super::CContext;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "c/audit-weak-random",
    cwe: crate::Cwe::new(330),
    name: "Predictable C library random numbers",
    language: Language::C,
    severity: Severity::Low,
    summary: "rand/random/drand48 values are predictable.",
};

pub fn check(ctx: &CContext, out: &mut Vec<Finding>) {
    for (func, _) in ctx.functions() {
        for &(call, _) in &func.calls {
            let name = ctx.model.call_name(call);
            let name = name.strip_prefix("std::").unwrap_or(name);
            if matches!(
                name,
                "rand" | "random" | "srand" | "srandom" | "drand48" | "erand48" | "lrand48"
                    | "nrand48" | "mrand48" | "jrand48" | "rand_r"
            ) {
                out.push(ctx.finding(
                    &META,
                    call,
                    format!("`{name}` is predictable; use `getrandom` or the OS's generator where the value must not be guessed."),
                ));
            }
        }
    }
}
