//! ## CWE-125: stream read without a length check (`c/unchecked-stream-read`)
//!
//! ### What it does
//! In code on WinPR/FreeRDP's `wStream` API, finds reads from a stream
//! (`Stream_Read*`, `Stream_Peek*`, `Stream_Seek*`) that come before any
//! check, in the same function, of how many bytes the stream still holds:
//! `Stream_GetRemainingLength(s)`, `Stream_CheckAndLogRequiredLength*(…, s,
//! …)` or a `Stream_SafeSeek(s, …)`.
//!
//! ### Why is this bad?
//! The stream's contents come from the network peer. `Stream_Read_UINT32`
//! and friends do not check the length themselves, so a short packet makes
//! them read past the end of the buffer: heap contents disclosed or a crash
//! (a long series of FreeRDP CVEs).
//!
//! ### Example
//! ```c
//! static int read_header(wStream *s, UINT32 *flags) {
//!     Stream_Seek(s, 4);
//!     Stream_Read_UINT32(s, *flags);
//!     return 0;
//! }
//! ```
//!
//! ### Use instead
//! ```c
//! static int read_header(wStream *s, UINT32 *flags) {
//!     if (Stream_GetRemainingLength(s) < 8)
//!         return -1;
//!     Stream_Seek(s, 4);
//!     Stream_Read_UINT32(s, *flags);
//!     return 0;
//! }
//! ```

use super::CContext;
use crate::c::model::{call_args, squeezed};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "c/unchecked-stream-read",
    cwe: "CWE-125",
    name: "Stream read without a length check",
    language: Language::C,
    severity: Severity::High,
    summary: "A wStream is read before its remaining length is checked.",
};

/// Calls that establish how many bytes a stream holds (any stream among their arguments).
fn is_length_check(callee: &str) -> bool {
    callee == "Stream_GetRemainingLength"
        || callee == "Stream_SafeSeek"
        || callee.starts_with("Stream_CheckAndLogRequiredLength")
}

/// Calls that consume bytes of their first argument without checking its length.
fn is_unchecked_read(callee: &str) -> bool {
    ["Stream_Read", "Stream_Peek", "Stream_Seek"]
        .iter()
        .any(|p| callee.starts_with(p))
}

pub fn check(ctx: &CContext, out: &mut Vec<Finding>) {
    for (func, _) in ctx.functions() {
        let mut checked: Vec<String> = Vec::new();
        let mut reported: Vec<String> = Vec::new();
        for &(call, callee) in &func.calls {
            let args = call_args(call);
            if is_length_check(callee) {
                checked.extend(args.iter().map(|a| squeezed(ctx.text(*a))));
            } else if is_unchecked_read(callee) {
                let Some(stream) = args.first().map(|a| squeezed(ctx.text(*a))) else {
                    continue;
                };
                if checked.contains(&stream) || reported.contains(&stream) {
                    continue;
                }
                out.push(ctx.finding(
                    &META,
                    call,
                    format!("`{callee}` reads from `{stream}` before its remaining length is checked (`Stream_GetRemainingLength`)."),
                ));
                reported.push(stream);
            }
        }
    }
}
