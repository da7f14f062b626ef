//! ## CWE-125: read at a constant index outside the array (`c/constant-index-read`)
//!
//! ### What it does
//! Finds reads `buffer[data]` where the index is a literal past the end of a fixed array or a
//! constant-size allocation (`p[4]` on `malloc(4 * sizeof(int))`), or a variable that holds
//! constants — set in this function or passed by every caller of the file — outside the
//! array with no enclosing test on that side. Taking the address (`&buf[N]`, the end
//! pointer) and `sizeof` are not reads.
//!
//! ### Why is this bad?
//! The read lands outside the array whatever the input: it leaks the neighbouring memory or
//! crashes. Off-by-one literals (`table[5]` for five entries) are the usual slip.
//!
//! ### Example
//! ```c
//! int *p = malloc(4 * sizeof(int));
//! for (i = 0; i < 4; i++) p[i] = i;
//! printf("%d\n", p[4]);
//! ```
//!
//! ### Use instead
//! ```c
//! printf("%d\n", p[3]);
//! ```
//!
//! ### References
//! - MITRE CWE-125, Out-of-bounds Read; CWE-129, Improper Validation of Array Index.

use super::cwe_125_unchecked_index_read::is_write_or_address;
use super::cwe_787_constant_index_write::outside_message;
use super::CContext;
use crate::ast::NodeExt;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "c/constant-index-read",
    cwe: crate::Cwe::new(125),
    name: "Read at a constant index outside the array",
    language: Language::C,
    severity: Severity::High,
    summary: "An array is read at a constant index outside its length.",
};

pub fn check(ctx: &CContext, out: &mut Vec<Finding>) {
    for (func, _) in ctx.functions() {
        for &n in &func.nodes {
            if n.node_kind() != "subscript_expression"
                || is_write_or_address(n)
                || crate::ast::ancestor(n, &["sizeof_expression"]).is_some()
            {
                continue;
            }
            if let Some(msg) = outside_message(ctx, func, n) {
                out.push(ctx.finding(&META, n, msg));
            }
        }
    }
}
