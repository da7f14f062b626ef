//! ## CWE-125: stream read without a length check (`c/unchecked-stream-read`)
//!
//! ### What it does
//! In code on WinPR/FreeRDP's `wStream` API, finds reads from a stream
//! (`Stream_Read*`, `Stream_Peek*`, `Stream_Seek*`) that come before any
//! check, in the same function, of how many bytes the stream still holds:
//! `Stream_GetRemainingLength(s)`, `Stream_CheckAndLogRequiredLength*(…, s,
//! …)` or a `Stream_SafeSeek(s, …)`. A read of a run-time length
//! (`Stream_Read(s, buf, hdr->len)`) needs a check that names that length
//! (`Stream_GetRemainingLength(s) < hdr->len`, directly or through a
//! variable holding the remaining length); any earlier check of the stream
//! covers only fixed-size reads.
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
//!
//! ### References
//! - MITRE, CWE-125: <https://cwe.mitre.org/data/definitions/125.html>

use super::CContext;
use crate::ast::NodeExt;
use crate::c::model::{call_args, squeezed};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "c/unchecked-stream-read",
    cwe: crate::Cwe::new(125),
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
        let checks = length_checks(ctx, func);
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
                if reported.contains(&stream) {
                    continue;
                }
                // A read of a run-time length (`Stream_Read(s, buf, hdr->len)`)
                // needs a check that names that length; one check of the
                // stream covers only the fixed-size reads after it.
                let length = match callee {
                    "Stream_Read" | "Stream_Peek" => args.get(2),
                    "Stream_Seek" => args.get(1),
                    _ => None,
                }
                .copied()
                .filter(|l| run_time_length(ctx, *l));
                if let Some(len) = length {
                    let want = squeezed(ctx.text(len));
                    let named = checks
                        .iter()
                        .any(|(at, text)| *at < call.start_byte() && text.contains(&want));
                    if !named {
                        out.push(ctx.finding(
                            &META,
                            call,
                            format!("`{callee}` reads `{want}` bytes from `{stream}`, and no check compares `{want}` with the stream's remaining length."),
                        ));
                        reported.push(stream);
                    }
                    continue;
                }
                if checked.contains(&stream) {
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

/// A length that is not a constant or a `sizeof`.
fn run_time_length(ctx: &CContext, len: tree_sitter::Node) -> bool {
    ctx.model.const_int(len).is_none()
        && !matches!(len.node_kind(), "sizeof_expression" | "number_literal")
        && crate::ast::preorder_any(len, |n| {
            matches!(n.node_kind(), "identifier" | "field_expression")
        })
        && !ctx
            .text(len)
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// (byte offset, squeezed text) of every comparison that involves a stream's
/// remaining length, directly or through a variable holding it
/// (`size_t left = Stream_GetRemainingLength(s); if (left < n)`), and of every
/// `Stream_CheckAndLogRequiredLength*` call.
fn length_checks(ctx: &CContext, func: &crate::c::model::CFunction) -> Vec<(usize, String)> {
    let mut holders: Vec<String> = Vec::new();
    func.preorder(|n| {
        let (target, value) = match n.node_kind() {
            "init_declarator" => (
                n.field("declarator")
                    .and_then(|d| crate::c::model::declarator_name(d, ctx.src())),
                n.field("value"),
            ),
            "assignment_expression" => (
                n.field("left").map(|l| squeezed(ctx.text(l))),
                n.field("right"),
            ),
            _ => return,
        };
        if let (Some(t), Some(v)) = (target, value) {
            if ctx.text(v).contains("Stream_GetRemainingLength") {
                holders.push(t);
            }
        }
    });
    let mut out = Vec::new();
    func.preorder(|n| {
        let relevant = match n.node_kind() {
            "binary_expression" => {
                matches!(
                    n.field("operator").map(|o| ctx.text(o)),
                    Some("<" | "<=" | ">" | ">=")
                ) && {
                    let t = ctx.text(n);
                    t.contains("Stream_GetRemainingLength")
                        || crate::c::model::identifiers(n, ctx.src())
                            .iter()
                            .any(|i| holders.contains(i))
                }
            }
            "call_expression" => ctx
                .model
                .call_name(n)
                .starts_with("Stream_CheckAndLogRequiredLength"),
            _ => false,
        };
        if relevant {
            out.push((n.start_byte(), squeezed(ctx.text(n))));
        }
    });
    out
}
