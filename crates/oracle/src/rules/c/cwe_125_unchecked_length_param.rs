//! ## CWE-125: fixed-offset read of a buffer whose length is never checked (`c/unchecked-length-param`)
//!
//! ### What it does
//! Finds functions that take a buffer and its length as parameters
//! (`const uint8_t *buf, int len`) and read the buffer at a constant offset
//! past its first byte — `buf[3]`, `*(buf + 4)`, `AV_RL32(buf + 2)` — while
//! no condition anywhere in the function looks at the length.
//!
//! ### Why is this bad?
//! Parsers of packets, instructions and file headers get their buffer from
//! the input. A short input makes the fixed-offset read run past its end.
//! Taking a length parameter and never looking at it is the signature of a
//! check that was forgotten (or lives only in some callers).
//!
//! ### Example
//! ```c
//! static int decode_op(const ut8 *buf, int len) {
//!     return buf[0] | (buf[1] << 8);
//! }
//! ```
//!
//! ### Use instead
//! ```c
//! static int decode_op(const ut8 *buf, int len) {
//!     if (len < 2)
//!         return -1;
//!     return buf[0] | (buf[1] << 8);
//! }
//! ```
//!
//! ### References
//! - MITRE, CWE-125: <https://cwe.mitre.org/data/definitions/125.html>

use super::CContext;
use crate::ast::NodeExt;

use crate::c::model::{call_args, CFunction};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;
use tree_sitter::Node;

pub static META: RuleMeta = RuleMeta {
    id: "c/unchecked-length-param",
    cwe: crate::Cwe::new(125),
    name: "Buffer read at a fixed offset, length never checked",
    language: Language::C,
    severity: Severity::Medium,
    summary:
        "A buffer parameter is read at a fixed offset while its length parameter is never checked.",
};

/// Parameter names that carry a buffer's length.
fn is_length_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    matches!(
        n.as_str(),
        "len"
            | "length"
            | "size"
            | "sz"
            | "n"
            | "bytes"
            | "nbytes"
            | "count"
            | "avail"
            | "remaining"
            | "left"
            | "buflen"
            | "bufsize"
    ) || ["_len", "_size", "_length", "_sz", "_count"]
        .iter()
        .any(|s| n.ends_with(s))
        || n.starts_with("len_")
}

/// Macros and helpers that read several bytes at a pointer (`AV_RL32(p)`).
fn is_multibyte_read(callee: &str) -> bool {
    [
        "AV_RL",
        "AV_RB",
        "r_read_",
        "GST_READ_",
        "get_unaligned",
        "bytestream_get_",
        "READ_",
    ]
    .iter()
    .any(|p| callee.starts_with(p))
        || callee.ends_with("_to_cpup")
        || matches!(callee, "ntohs" | "ntohl")
}

/// `ptr + K` with `K ≥ 1` constant (through casts and parentheses).
fn offset_of<'t>(ctx: &CContext<'_, 't>, mut e: Node<'t>, ptr: &str) -> Option<i64> {
    while matches!(
        e.node_kind(),
        "parenthesized_expression" | "cast_expression"
    ) {
        e = e.named_child((e.named_child_count() as u32).checked_sub(1)?)?;
    }
    if e.node_kind() != "binary_expression" || e.field("operator").map(|o| ctx.text(o)) != Some("+")
    {
        return None;
    }
    let left = e.field("left")?;
    if ctx.text(left) != ptr {
        return None;
    }
    ctx.model.const_int(e.field("right")?).filter(|k| *k >= 1)
}

/// The first read of `ptr` at a constant offset ≥ 1.
fn first_fixed_read<'t>(
    ctx: &CContext<'_, 't>,
    func: &CFunction<'t>,
    ptr: &str,
) -> Option<Node<'t>> {
    let mut found = None;
    func.preorder(|n| {
        if found.is_some() {
            return;
        }
        let hit = match n.node_kind() {
            "subscript_expression" => {
                n.field("argument").map(|a| ctx.text(a)) == Some(ptr)
                    && n.field("index")
                        .and_then(|i| ctx.model.const_int(i))
                        .is_some_and(|k| k >= 1)
                    && !is_written(n)
            }
            "pointer_expression" => {
                n.child(0).is_some_and(|o| o.node_kind() == "*")
                    && n.field("argument")
                        .and_then(|a| offset_of(ctx, a, ptr))
                        .is_some()
                    && !is_written(n)
            }
            "call_expression" => {
                is_multibyte_read(ctx.model.call_name(n))
                    && call_args(n)
                        .first()
                        .and_then(|a| offset_of(ctx, *a, ptr))
                        .is_some()
            }
            _ => false,
        };
        if hit {
            found = Some(n);
        }
    });
    found
}

fn is_written(n: Node) -> bool {
    n.parent_node().is_some_and(|p| {
        (p.node_kind() == "assignment_expression" && p.field("left") == Some(n))
            || p.node_kind() == "update_expression"
            || (p.node_kind() == "pointer_expression"
                && p.child(0).is_some_and(|o| o.node_kind() == "&"))
    })
}

pub fn check(ctx: &CContext, out: &mut Vec<Finding>) {
    for (func, _) in ctx.functions() {
        let lengths: Vec<&str> = func
            .params
            .iter()
            .filter(|p| !p.is_pointer && is_length_name(&p.name))
            .map(|p| p.name.as_str())
            .collect();
        if lengths.is_empty() {
            continue;
        }
        let looked_at = |len: &str| {
            func.conditions
                .iter()
                .chain(&func.bounds)
                .any(|(_, ids)| ids.iter().any(|i| i == len))
        };
        if lengths.iter().any(|l| looked_at(l)) {
            continue;
        }
        for p in func.params.iter().filter(|p| p.is_pointer) {
            if let Some(read) = first_fixed_read(ctx, func, &p.name) {
                out.push(ctx.finding(
                    &META,
                    read,
                    format!(
                        "`{}` is read at a fixed offset, but its length `{}` is never checked in this function.",
                        p.name,
                        lengths.join("`/`")
                    ),
                ));
                break;
            }
        }
    }
}
