//! ## CWE-787: a copy into an array at an offset from input (`c/input-offset-copy-write`)
//!
//! ### What it does
//! Finds `memcpy`/`memmove`/`memset`/`strcpy`/`strncpy` calls and reads (`fgets`, `read`,
//! `recv`) whose destination is a fixed array at an offset (`store + off`, `&store[off]`)
//! that comes from input — read here, or passed down by every caller that read it — and
//! that nothing compared before the call.
//!
//! ### Why is this bad?
//! The offset decides where the bytes land: past the array's end, over whatever the
//! program keeps after it. The copy's own length check does not help when the start is
//! already outside.
//!
//! ### Example
//! ```c
//! static char store[64];
//! void put_at(unsigned off, const char *data, unsigned len) {
//!     if (len > 16) return;
//!     memcpy(store + off, data, len);
//! }
//! ```
//!
//! ### Use instead
//! ```c
//! if (len > 16 || off > sizeof store - len) return;
//! memcpy(store + off, data, len);
//! ```
//!
//! ### References
//! - MITRE CWE-787, Out-of-bounds Write; CWE-823, Use of Out-of-range Pointer Offset.

use super::cwe_125_copy_source_overread::offset_from_input;
use super::CContext;
use crate::c::model::{call_args, strip_parens_casts};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "c/input-offset-copy-write",
    cwe: crate::Cwe::new(787),
    name: "Copy into an array at an unchecked offset from input",
    language: Language::C,
    severity: Severity::Critical,
    summary: "A copy writes into a fixed array at an offset from input that is never checked.",
};

pub fn check(ctx: &CContext, out: &mut Vec<Finding>) {
    for (func, taint) in ctx.functions() {
        for &(call, _) in &func.calls {
            let name = ctx.model.call_name(call);
            let dst = match name {
                "memcpy" | "memmove" | "memset" | "strcpy" | "strncpy" | "fgets" => 0,
                "read" | "recv" | "recvfrom" => 1,
                _ => continue,
            };
            let Some(&d) = call_args(call).get(dst) else {
                continue;
            };
            if let Some(m) = offset_from_input(ctx, func, taint, strip_parens_casts(d), call.start_byte()) {
                out.push(ctx.finding(&META, call, format!("`{name}` writes to {m}")));
            }
        }
    }
}
