//! ## CWE-125: array read in a loop bounded by untrusted data (`c/input-bounded-loop-read`)
//!
//! ### What it does
//! Finds loops whose counter runs up to a value from input and whose body reads a
//! fixed-size array at that counter (`sum += values[i]`), when nothing bounded the value
//! by the array's size: in the looping function, or — for a helper that reads its pointer
//! parameter up to its count parameter (`sum_first(const int *v, int n)`) — in the caller
//! that passed a fixed array and the count (see `c::loops`).
//!
//! ### Why is this bad?
//! A count above the array's length reads the memory after it: other variables, saved
//! pointers, secrets, which then flow into the program's output.
//!
//! ### Example
//! ```c
//! int values[8];
//! scanf("%d", &n);
//! printf("%d\n", sum_first(values, n));
//! ```
//!
//! ### Use instead
//! ```c
//! if (scanf("%d", &n) != 1 || n < 0 || n > 8) return 1;
//! printf("%d\n", sum_first(values, n));
//! ```
//!
//! ### References
//! - MITRE CWE-125, Out-of-bounds Read; CWE-606, Unchecked Input for Loop Condition.

use super::CContext;
use crate::c::loops::{counted_loops, counter_subscripts, is_write, overrun};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "c/input-bounded-loop-read",
    cwe: crate::Cwe::new(125),
    name: "Array read in a loop bounded by untrusted data",
    language: Language::C,
    severity: Severity::High,
    summary: "A loop bounded by untrusted data reads a fixed-size array at its counter.",
};

pub fn check(ctx: &CContext, out: &mut Vec<Finding>) {
    let s = ctx.src();
    for (func, taint) in ctx.functions() {
        for lp in counted_loops(func, s) {
            let subs = counter_subscripts(&lp, s);
            // A loop that also writes the array is the write rule's (one finding per flaw).
            let written = |name: &str| {
                subs.iter()
                    .any(|(w, a)| is_write(*w, s) && ctx.text(*a) == name)
            };
            for (sub, arr) in &subs {
                if is_write(*sub, s) || written(ctx.text(*arr)) {
                    continue;
                }
                if let Some(why) = overrun(ctx, func, taint, &lp, *arr) {
                    let msg = format!("`{}` is read at `{}` {why}", ctx.text(*arr), lp.counter);
                    out.push(ctx.finding(&META, *sub, msg));
                    break;
                }
            }
        }
    }
}
