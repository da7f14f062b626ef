//! ## CWE-787: out-of-bounds write with an unchecked index (`c/unchecked-index-write`)
//!
//! ### What it does
//! Finds array or pointer writes `a[i] = …` (also `a[i]++`, `a[i] += …`) whose index comes
//! from input — `argv`, `fgets`/`scanf`/`recv` data, `atoi(...)` of it, also through a
//! parameter that callers in the same file fill from input — and that no comparison, clamp
//! (`MIN`), modulo or mask bounds before the write. Unlike its read counterpart
//! (`c/unchecked-index-read`), a parameter of unknown origin is not enough: library code
//! writes at parameter-derived indices everywhere, and most of it is checked by callers.
//!
//! ### Why is this bad?
//! A negative or too-large index writes memory outside the object: other variables, the
//! return address, heap metadata. Attackers choose the index, so they choose what changes.
//!
//! ### Example
//! ```c
//! void set(int *values, int i) {
//!     values[i] = 1;
//! }
//! ```
//!
//! ### Use instead
//! ```c
//! void set(int *values, size_t len, int i) {
//!     if (i < 0 || (size_t)i >= len) return;
//!     values[i] = 1;
//! }
//! ```
//!
//! ### References
//! - MITRE, CWE-787: <https://cwe.mitre.org/data/definitions/787.html>

use super::cwe_125_unchecked_index_read::{index_variables, only_upper_bound};
use super::CContext;
use crate::ast::NodeExt;
use crate::c::concepts::src;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;
use tree_sitter::Node;

pub static META: RuleMeta = RuleMeta {
    id: "c/unchecked-index-write",
    cwe: crate::Cwe::new(787),
    name: "Out-of-bounds write with an unchecked index",
    language: Language::C,
    severity: Severity::Critical,
    summary: "An array is written at an untrusted index that is never bounds-checked.",
};

/// True if the subscript is the target of a write.
pub(crate) fn is_written(sub: Node) -> bool {
    let Some(p) = sub.parent_node() else { return false };
    match p.node_kind() {
        "assignment_expression" => p.field("left") == Some(sub),
        "update_expression" => true,
        _ => false,
    }
}

pub fn check(ctx: &CContext, out: &mut Vec<Finding>) {
    let s = ctx.src();
    for (func, taint) in ctx.functions() {
        func.preorder(|n| {
            if n.node_kind() != "subscript_expression" || !is_written(n) {
                return;
            }
            let (Some(arr), Some(idx)) = (n.field("argument"), n.field("index")) else {
                return;
            };
            if ctx.model.const_int(idx).is_some()
                || crate::c::storage::is_own_length_index(func, arr, idx, s)
                || crate::c::storage::is_sized_by_index(func, arr, idx, s)
            {
                return;
            }
            if crate::c::received::ends_received_text(ctx, func, arr, idx, n.start_byte()) {
                return;
            }
            if let Some(m) = past_received(ctx, func, arr, idx, n.start_byte()) {
                out.push(ctx.finding(&META, n, m));
                return;
            }
            if !taint.of(idx, s).is(src::LOCAL | src::REMOTE | src::RANDOM) {
                return;
            }
            let vars = index_variables(idx, s);
            let tainted: Vec<&String> = vars
                .iter()
                .filter(|v| {
                    let base = v.split(['-', '.', '[']).next().unwrap_or(v);
                    taint.var(v).src != 0 || taint.var(base).src != 0
                })
                .collect();
            let unchecked = if tainted.is_empty() {
                idx.node_kind() == "call_expression"
            } else {
                tainted
                    .iter()
                    .all(|v| !func.bounded_before(v, n.start_byte()))
            };
            if !unchecked {
                if let Some(v) = only_upper_bound(ctx.model, func, &tainted, taint, n, s) {
                    out.push(ctx.finding(
                        &META,
                        n,
                        format!(
                            "`{}` is written at index `{}`; `{v}` comes from untrusted data and is checked only from above, so a negative value writes before the array.",
                            ctx.text(arr),
                            ctx.text(idx)
                        ),
                    ));
                }
                return;
            }
            if unchecked {
                out.push(ctx.finding(
                    &META,
                    n,
                    format!(
                        "`{}` is written at index `{}`, which comes from untrusted data and is never bounds-checked.",
                        ctx.text(arr),
                        ctx.text(idx)
                    ),
                ));
            }
        });
    }
}

/// `buf[got] = '\0'` after `got = recv(sock, buf, sizeof buf, 0)`: a count a read call
/// returned can equal its length, so as an index into a byte array no longer than that it
/// writes one past the end (the classic off-by-one; the fix reads `sizeof buf - 1`).
fn past_received(
    ctx: &CContext,
    func: &crate::c::model::CFunction,
    arr: Node,
    idx: Node,
    at: usize,
) -> Option<String> {
    let s = ctx.src();
    let idx = crate::c::model::strip_parens_casts(idx);
    if idx.node_kind() != "identifier" {
        return None;
    }
    let cap = func.byte_array_len(ctx.model, &crate::c::model::root_name(arr, s)?)?;
    if let Some(call) = crate::c::received::formatted_length_at(ctx, func, ctx.text(idx), at) {
        return Some(format!(
            "`{}` is written at `{}`, what `{}` (line {}) returned: the length the whole output would take, which a `%s` can push past `{}`'s {cap} bytes.",
            ctx.text(arr),
            ctx.text(idx),
            ctx.model.call_name(call),
            ctx.line(call),
            ctx.text(arr)
        ));
    }
    let r = crate::c::received::count_at(ctx, func, ctx.text(idx), at)?;
    (r.most >= cap).then(|| {
        format!(
            "`{}` is written at `{}`, the count `{}` returned (line {}), which can reach {}: past the end of `{}` ({cap} bytes).",
            ctx.text(arr),
            ctx.text(idx),
            r.name,
            ctx.line(r.call),
            r.most,
            ctx.text(arr)
        )
    })
}

