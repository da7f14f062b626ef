//! ## CWE-787: loop bounded by a larger size than the array it writes (`c/loop-past-array`)
//!
//! ### What it does
//! Finds loops whose counter is bounded only by a constant, or by the size of another
//! buffer, that is larger than the fixed array the body writes at the counter:
//! `for (i = 0; i < sizeof big && big[i]; i++) small[i] = big[i];` over `char small[8]`.
//! A test on the counter inside the body (`if (i >= 7) break;`) counts as the bound.
//!
//! ### Why is this bad?
//! The loop is sized for the wrong buffer: as soon as the data lets it run past the
//! smaller array's length, it writes over whatever follows that array.
//!
//! ### Example
//! ```c
//! char small[8], big[64];
//! for (i = 0; i < (int)sizeof big && big[i] != '\0'; i++)
//!     small[i] = big[i];
//! ```
//!
//! ### Use instead
//! ```c
//! for (i = 0; i < (int)sizeof small - 1 && big[i] != '\0'; i++)
//!     small[i] = big[i];
//! ```
//!
//! ### References
//! - MITRE CWE-787, Out-of-bounds Write; CWE-806, Buffer Access Using Size of Source Buffer.

use super::CContext;
use crate::ast::{self, text, NodeExt};
use crate::c::loops::{constant_bound, counter_tested_in, is_write};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "c/loop-past-array",
    cwe: crate::Cwe::new(787),
    name: "Loop bounded by a larger size than the array it writes",
    language: Language::C,
    severity: Severity::High,
    summary: "A loop's constant bound exceeds the length of the array it writes.",
};

pub fn check(ctx: &CContext, out: &mut Vec<Finding>) {
    let s = ctx.src();
    for (func, _) in ctx.functions() {
        for &n in &func.nodes {
            if !matches!(n.node_kind(), "for_statement" | "while_statement") {
                continue;
            }
            let (Some(cond), Some(body)) = (n.field("condition"), n.field("body")) else {
                continue;
            };
            let mut writes = Vec::new();
            ast::preorder(body, |w| {
                if w.node_kind() == "subscript_expression" && is_write(w, s) {
                    writes.push(w);
                }
            });
            for w in writes {
                let (Some(arr), Some(idx)) = (w.field("argument"), w.field("index")) else {
                    continue;
                };
                if idx.node_kind() != "identifier" {
                    continue;
                }
                let counter = text(idx, s);
                // The array, or what a pointer was set to point to before the loop
                // (`data = dataBuffer`, `data = malloc(10)`).
                let len = func.array_len(ctx.model, text(arr, s)).or_else(|| {
                    crate::c::storage::of(ctx, func, text(arr, s), n.start_byte())
                        .and_then(|st| st.elements)
                });
                let Some(bound) = constant_bound(ctx, func, cond, counter) else {
                    continue;
                };
                // A pointer parameter: the arrays this file's callers pass for it.
                let len = match len {
                    Some(len) => len,
                    None => match smallest_passed_array(ctx, func, text(arr, s), bound) {
                        Some((len, call)) if bound > len + 1 && !counter_tested_in(body, counter, s) => {
                            out.push(ctx.finding(
                                &META,
                                w,
                                format!(
                                    "`{}` is given an array of {len} elements by `{}` (line {}), but the loop lets `{counter}` reach {}.",
                                    text(arr, s),
                                    ctx.text(call),
                                    ctx.line(call),
                                    bound - 1
                                ),
                            ));
                            break;
                        }
                        _ => continue,
                    },
                };
                // `i <= N` over `a[N]` is c/off-by-one-write's.
                if bound <= len || bound == len + 1 || counter_tested_in(body, counter, s) {
                    continue;
                }
                out.push(ctx.finding(
                    &META,
                    w,
                    format!(
                        "`{}` has {len} elements, but the loop lets `{counter}` reach {}.",
                        text(arr, s),
                        bound - 1
                    ),
                ));
                break;
            }
        }
    }
}

/// The smallest fixed array (element count, and the call) that a call of `func` in this
/// file passes for its pointer parameter `param`, when it is smaller than `bound`.
fn smallest_passed_array<'t>(
    ctx: &CContext<'_, 't>,
    func: &crate::c::model::CFunction<'t>,
    param: &str,
    bound: i64,
) -> Option<(i64, tree_sitter::Node<'t>)> {
    let index = func
        .params
        .iter()
        .position(|p| p.name == param && p.is_pointer)?;
    let s = ctx.src();
    let mut best: Option<(i64, tree_sitter::Node<'t>)> = None;
    for (caller, call) in ctx.model.calls_of(&func.name) {
        {
            let Some(arg) = crate::c::model::call_args(call).get(index).copied() else {
                continue;
            };
            let arg = crate::c::model::strip_parens_casts(arg);
            if arg.node_kind() != "identifier" {
                continue;
            }
            let len = caller.array_len(ctx.model, text(arg, s)).or_else(|| {
                crate::c::storage::of(ctx, caller, text(arg, s), call.start_byte())
                    .and_then(|st| st.elements)
            });
            if let Some(len) = len.filter(|&l| l < bound) {
                if best.is_none_or(|(b, _)| len < b) {
                    best = Some((len, call));
                }
            }
        }
    }
    best
}
