//! ## CWE-125: read through a pointer set before its buffer (`c/read-before-start`)
//!
//! ### What it does
//! Finds reads — a copy's source, `strlen`, a subscript or `*p` on the right-hand side —
//! through a pointer last set to a known buffer minus a constant (`data = dataBuffer - 8;`),
//! here or in every caller that passes it.
//!
//! ### Why is this bad?
//! The read starts before the buffer: it returns whatever lies there (other variables, heap
//! metadata) or faults. This is CWE-127, buffer under-read, a kind of CWE-125.
//!
//! ### Example
//! ```c
//! char *data = dataBuffer - 8;
//! strcpy(dest, data);
//! ```
//!
//! ### Use instead
//! ```c
//! char *data = dataBuffer;
//! strcpy(dest, data);
//! ```
//!
//! ### References
//! - MITRE CWE-125, Out-of-bounds Read; CWE-127, Buffer Under-read.

use super::CContext;
use crate::c::underrun::{report, Access};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "c/read-before-start",
    cwe: crate::Cwe::new(125),
    name: "Read through a pointer set before its buffer",
    language: Language::C,
    severity: Severity::High,
    summary: "A pointer set to a buffer minus a constant is read from.",
};

pub fn check(ctx: &CContext, out: &mut Vec<Finding>) {
    report(ctx, &META, Access::Read, "reads", out);
}
