//! ## CWE-787: array write at a signed index checked only from above (`c/negative-index-write`)
//!
//! ### What it does
//! Finds writes `table[i] = v` into a local or global array where `i` is a
//! signed integer that the function compares against an upper limit
//! (`if (i >= N) return;`) but never against zero, and that is not a loop
//! counter or a constant. The read side is `c/negative-index-read`.
//!
//! ### Why is this bad?
//! A negative value passes `i >= N` and the store lands before the array,
//! over whatever the compiler placed there: other locals, saved registers,
//! or another global.
//!
//! ### Example
//! ```c
//! static int counters[16];
//! void bump(int slot) {
//!     if (slot >= 16)
//!         return;
//!     counters[slot] = counters[slot] + 1;
//! }
//! ```
//!
//! ### Use instead
//! ```c
//! static int counters[16];
//! void bump(int slot) {
//!     if (slot < 0 || slot >= 16)
//!         return;
//!     counters[slot] = counters[slot] + 1;
//! }
//! ```
//!
//! ### References
//! - MITRE, CWE-787: <https://cwe.mitre.org/data/definitions/787.html>

use super::cwe_125_negative_index_read::negative_indexes;
use super::CContext;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "c/negative-index-write",
    cwe: crate::Cwe::new(787),
    name: "Array write at a signed index checked only from above",
    language: Language::C,
    severity: Severity::High,
    summary:
        "A signed index is checked against the array's end but not against zero before a write.",
};

pub fn check(ctx: &CContext, out: &mut Vec<Finding>) {
    negative_indexes(ctx, true, |n, array, var| {
        out.push(ctx.finding(
            &META,
            n,
            format!(
                "`{array}[{var}]`: `{var}` is signed and is checked against the end of the array but never against 0, so a negative value writes before `{array}`."
            ),
        ))
    });
}
