//! ## CWE-787: write through a pointer set before its buffer (`c/write-before-start`)
//!
//! ### What it does
//! Finds writes — a copy's destination, `memset`, `fgets`, a subscript or `*p` assigned —
//! through a pointer last set to a known buffer minus a constant (`data = dataBuffer - 8;`),
//! here or in every caller that passes it.
//!
//! ### Why is this bad?
//! The write lands before the buffer, over other variables or heap metadata: CWE-124,
//! buffer under-write, an out-of-bounds write.
//!
//! ### Example
//! ```c
//! char *data = dataBuffer - 8;
//! strcpy(data, source);
//! ```
//!
//! ### Use instead
//! ```c
//! char *data = dataBuffer;
//! strcpy(data, source);
//! ```
//!
//! ### References
//! - MITRE CWE-787, Out-of-bounds Write; CWE-124, Buffer Underwrite.

use super::CContext;
use crate::c::underrun::{report, Access};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "c/write-before-start",
    cwe: crate::Cwe::new(787),
    name: "Write through a pointer set before its buffer",
    language: Language::C,
    severity: Severity::Critical,
    summary: "A pointer set to a buffer minus a constant is written through.",
};

pub fn check(ctx: &CContext, out: &mut Vec<Finding>) {
    report(ctx, &META, Access::Write, "writes", out);
}
