//! ## CWE-787: array written in a loop bounded by untrusted data (`c/input-bounded-loop-write`)
//!
//! ### What it does
//! Finds `for`/`while` loops whose condition compares the loop variable with a value from
//! input (`i < count`, `count > i`, `i <= n`) — read in this function or passed in by a
//! caller of this file — and whose body writes a fixed-size array at that loop variable
//! (`buffer[i] = …`), when nothing bounded the value before the loop; or a helper that
//! writes its pointer parameter up to its count parameter (`fill(int *dst, int n)`) called
//! with a fixed array and an input count the caller never bounded (see `c::loops`).
//!
//! ### Why is this bad?
//! The loop runs as often as the input says, not as the array allows: a count above the
//! array's length writes past its end (a stack or global overflow, the classic way in).
//!
//! ### Example
//! ```c
//! int buffer[10];
//! for (i = 0; i < count; i++)   /* count read from stdin */
//!     buffer[i] = 0;
//! ```
//!
//! ### Use instead
//! ```c
//! if (count < 0 || count > 10) return;
//! for (i = 0; i < count; i++)
//!     buffer[i] = 0;
//! ```
//!
//! ### References
//! - MITRE CWE-787, Out-of-bounds Write; CWE-606, Unchecked Input for Loop Condition.

use super::CContext;
use crate::c::loops::{counted_loops, is_write, overrun, shifted_counter_subscripts};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "c/input-bounded-loop-write",
    cwe: crate::Cwe::new(787),
    name: "Array written in a loop bounded by untrusted data",
    language: Language::C,
    severity: Severity::Critical,
    summary: "A loop bounded by untrusted data writes a fixed-size array at its counter.",
};

pub fn check(ctx: &CContext, out: &mut Vec<Finding>) {
    let s = ctx.src();
    for (func, taint) in ctx.functions() {
        for lp in counted_loops(func, s) {
            for (sub, arr) in shifted_counter_subscripts(&lp, s) {
                if !is_write(sub, s) {
                    continue;
                }
                if let Some(why) = overrun(ctx, func, taint, &lp, arr) {
                    let msg = format!("`{}` is written at `{}` {why}", ctx.text(arr), lp.counter);
                    out.push(ctx.finding(&META, sub, msg));
                }
            }
        }
    }
}
