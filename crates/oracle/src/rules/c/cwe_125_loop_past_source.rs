//! ## CWE-125: loop bounded by a larger size than the array it reads (`c/loop-past-source`)
//!
//! ### What it does
//! Finds loops whose counter is bounded only by a constant, the size of another buffer, or
//! the length of another buffer's string (`destLen = strlen(dest)`), that is larger than
//! the fixed array or constant-size allocation the body reads at the counter, directly or
//! through a pointer set to it (`data = small`). A test on the counter inside the body
//! counts as the bound.
//!
//! ### Why is this bad?
//! The loop is sized for the other buffer: it reads past the end of the smaller one and
//! copies whatever follows it (other variables, heap metadata) into the destination.
//!
//! ### Example
//! ```c
//! char *data = malloc(50);
//! destLen = strlen(dest);           /* 99 */
//! for (i = 0; i < destLen; i++)
//!     dest[i] = data[i];
//! ```
//!
//! ### Use instead
//! ```c
//! char *data = malloc(100);
//! destLen = strlen(dest);
//! for (i = 0; i < destLen; i++)
//!     dest[i] = data[i];
//! ```
//!
//! ### References
//! - MITRE CWE-125, Out-of-bounds Read; CWE-126, Buffer Over-read.

use super::CContext;
use crate::ast::{self, text, NodeExt};
use crate::c::loops::{constant_bound, counter_tested_in, is_write};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "c/loop-past-source",
    cwe: crate::Cwe::new(125),
    name: "Loop bounded by a larger size than the array it reads",
    language: Language::C,
    severity: Severity::High,
    summary: "A loop's bound exceeds the length of the array it reads.",
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
            let mut reads = Vec::new();
            ast::preorder(body, |r| {
                if r.node_kind() == "subscript_expression"
                    && !is_write(r, s)
                    && !super::cwe_125_unchecked_index_read::is_write_or_address(r)
                {
                    reads.push(r);
                }
            });
            for r in reads {
                let (Some(arr), Some(idx)) = (r.field("argument"), r.field("index")) else {
                    continue;
                };
                if idx.node_kind() != "identifier" || arr.node_kind() != "identifier" {
                    continue;
                }
                let counter = text(idx, s);
                let Some(len) = func.array_len(ctx.model, text(arr, s)).or_else(|| {
                    crate::c::storage::of(ctx, func, text(arr, s), n.start_byte())
                        .and_then(|st| st.elements)
                }) else {
                    continue;
                };
                let Some(bound) = constant_bound(ctx, func, cond, counter) else {
                    continue;
                };
                if bound <= len || counter_tested_in(body, counter, s) {
                    continue;
                }
                out.push(ctx.finding(
                    &META,
                    r,
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
