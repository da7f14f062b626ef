//! ## CWE-787: a copy loop that stops only at the source's end (`c/terminator-loop-write`)
//!
//! ### What it does
//! Finds `while`/`for` loops that run until the source string ends (`while (*src)`,
//! `line[i] != '\0'`) and write the destination through a cursor that advances on each
//! copy (`*dst++ = *src++`, `out[j++] = line[i]`), when nothing in the loop tests the
//! destination's cursor against its size, the destination is known storage (an array, a
//! constant allocation, or what every caller passes), and the source can be longer: input
//! of unknown length, or storage (or a string) larger than the destination. Loops that store
//! characters read with `fgetc`/`getc`/`getchar` until the input ends are the same copy from
//! a stream.
//!
//! ### Why is this bad?
//! It is `strcpy` written by hand: the loop runs as long as the source says, whatever the
//! destination holds, and writes past its end when the source is longer.
//!
//! ### Example
//! ```c
//! void copy_str(char *dst, const char *src) {
//!     while (*src) *dst++ = *src++;
//!     *dst = '\0';
//! }
//! ```
//!
//! ### Use instead
//! ```c
//! void copy_str(char *dst, size_t cap, const char *src) {
//!     while (*src && cap-- > 1) *dst++ = *src++;
//!     *dst = '\0';
//! }
//! ```
//!
//! ### References
//! - MITRE CWE-787, Out-of-bounds Write; CWE-120, Buffer Copy without Checking Size of Input.

use super::CContext;
use crate::ast::{self, text, NodeExt};
use crate::c::concepts::src;
use crate::c::model::{strip_parens_casts, CFunction};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;
use tree_sitter::Node;

pub static META: RuleMeta = RuleMeta {
    id: "c/terminator-loop-write",
    cwe: crate::Cwe::new(787),
    name: "Copy loop bounded only by the source's end",
    language: Language::C,
    severity: Severity::High,
    summary: "A hand-written copy loop runs to the source's terminator past the destination.",
};

/// The sources a loop condition reads to find the end: `*src`, `src[i]` (as a truth value or
/// compared with a character).
fn read_sources<'t>(cond: Node<'t>, s: &'t str) -> Vec<&'t str> {
    let mut out = Vec::new();
    ast::preorder(cond, |x| {
        let base = match x.node_kind() {
            "pointer_expression" if x.child(0).is_some_and(|o| o.node_kind() == "*") => {
                x.field("argument")
            }
            "subscript_expression" => x.field("argument"),
            _ => None,
        };
        if let Some(b) = base.map(strip_parens_casts) {
            // `*src++` reads through `src`.
            let b = if b.node_kind() == "update_expression" {
                b.field("argument").map(strip_parens_casts).unwrap_or(b)
            } else {
                b
            };
            if b.node_kind() == "identifier" && !out.contains(&text(b, s)) {
                out.push(text(b, s));
            }
        }
    });
    out
}

/// A character-reading call in a loop condition (`fgetc`, `getc`, `getchar` and their wide
/// forms): the loop runs as long as the input goes on.
fn input_reader<'t>(cond: Node<'t>, s: &'t str) -> Option<&'t str> {
    let mut found = None;
    ast::preorder(cond, |x| {
        if found.is_none() && x.node_kind() == "call_expression" {
            let name = crate::c::model::call_name(x, s);
            if matches!(name, "fgetc" | "getc" | "getchar" | "fgetwc" | "getwc" | "getwchar") {
                found = Some(name);
            }
        }
    });
    found
}

/// The destination writes of the loop through an advancing cursor: `*dst++ = …` (the
/// destination's name) or `out[j++] = …` / `out[j] = …` with `j++` in the loop (the name and
/// the cursor).
fn cursor_writes<'t>(lp: Node<'t>, s: &'t str) -> Vec<(Node<'t>, &'t str, &'t str)> {
    let mut out = Vec::new();
    let mut advanced: Vec<&str> = Vec::new();
    ast::preorder(lp, |x| {
        if x.node_kind() == "update_expression" {
            if let Some(a) = x.field("argument").map(strip_parens_casts) {
                if a.node_kind() == "identifier" {
                    advanced.push(text(a, s));
                }
            }
        }
    });
    ast::preorder(lp, |x| {
        if x.node_kind() != "assignment_expression" {
            return;
        }
        let Some(l) = x.field("left").map(strip_parens_casts) else { return };
        match l.node_kind() {
            "pointer_expression" if l.child(0).is_some_and(|o| o.node_kind() == "*") => {
                let Some(a) = l.field("argument").map(strip_parens_casts) else { return };
                let target = if a.node_kind() == "update_expression" {
                    a.field("argument").map(strip_parens_casts)
                } else {
                    Some(a)
                };
                if let Some(t) = target.filter(|t| t.node_kind() == "identifier") {
                    if a.node_kind() == "update_expression" || advanced.contains(&text(t, s)) {
                        out.push((x, text(t, s), text(t, s)));
                    }
                }
            }
            "subscript_expression" => {
                let (Some(arr), Some(idx)) = (l.field("argument"), l.field("index")) else {
                    return;
                };
                let idx = strip_parens_casts(idx);
                let cursor = if idx.node_kind() == "update_expression" {
                    idx.field("argument").map(strip_parens_casts)
                } else {
                    Some(idx)
                };
                let Some(c) = cursor.filter(|c| c.node_kind() == "identifier") else { return };
                if arr.node_kind() == "identifier"
                    && (idx.node_kind() == "update_expression" || advanced.contains(&text(c, s)))
                {
                    out.push((x, text(arr, s), text(c, s)));
                }
            }
            _ => {}
        }
    });
    out
}

/// Whether the loop bounds its writes: a test of the destination's cursor anywhere in it
/// (`j < sizeof out - 1`, `if (dst == end) break;`), a size comparison in the loop's own
/// condition (`n + 1 < cap`, `cap-- > 1`: a count kept beside the cursor), or one that leaves
/// the loop from its body (`if (n >= max) break;`).
fn cursor_tested(lp: Node, dst: &str, cursor: &str, s: &str) -> bool {
    let relational = |c: Node| {
        ast::preorder_any(c, |x| {
            x.node_kind() == "binary_expression"
                && x.field("operator")
                    .is_some_and(|o| matches!(text(o, s), "<" | "<=" | ">" | ">="))
        })
    };
    if lp.field("condition").is_some_and(relational) {
        return true;
    }
    let mut tested = false;
    ast::preorder(lp, |x| {
        let cond = match x.node_kind() {
            "for_statement" | "while_statement" | "do_statement" | "if_statement"
            | "conditional_expression" => x.field("condition"),
            _ => None,
        };
        if let Some(c) = cond {
            let ids = crate::c::model::identifiers(c, s);
            tested |= ids.iter().any(|i| i == cursor || i == dst);
            tested |= x.node_kind() == "if_statement"
                && relational(c)
                && x.field("consequence").is_some_and(|b| {
                    ast::preorder_any(b, |y| {
                        matches!(y.node_kind(), "break_statement" | "return_statement" | "goto_statement")
                    })
                });
        }
    });
    tested
}

/// The destination's capacity in elements, when known.
fn capacity(ctx: &CContext, func: &CFunction, dst: &str, at: usize) -> Option<i64> {
    func.array_len(ctx.model, dst).or_else(|| {
        crate::c::storage::of(ctx, func, dst, at).and_then(|st| st.elements.or(Some(st.bytes)))
    })
}

pub fn check(ctx: &CContext, out: &mut Vec<Finding>) {
    let s = ctx.src();
    for (func, taint) in ctx.functions() {
        for &lp in &func.nodes {
            if !matches!(lp.node_kind(), "while_statement" | "for_statement") {
                continue;
            }
            let Some(cond) = lp.field("condition") else { continue };
            let sources = read_sources(cond, s);
            // `while ((c = fgetc(f)) != EOF && c != '\n') out[n++] = c;`: the input decides
            // where the loop stops.
            let reader = input_reader(cond, s);
            if sources.is_empty() && reader.is_none() {
                continue;
            }
            for (write, dst, cursor) in cursor_writes(lp, s) {
                if sources.contains(&dst) || cursor_tested(lp, dst, cursor, s) {
                    continue;
                }
                let Some(cap) = capacity(ctx, func, dst, lp.start_byte()) else { continue };
                if let Some(r) = reader {
                    out.push(ctx.finding(
                        &META,
                        write,
                        format!(
                            "This loop stores what `{r}` reads until the input ends into `{dst}` ({cap} elements) without testing `{cursor}` against that size."
                        ),
                    ));
                    break;
                }
                let longer = sources.iter().find(|&&src_name| {
                    let input = taint.var(src_name).is(src::LOCAL | src::REMOTE);
                    let held = crate::c::storage::longest_string(ctx, func, src_name, lp.start_byte())
                        .map(|l| l + 1)
                        .or_else(|| {
                            crate::c::storage::of(ctx, func, src_name, lp.start_byte())
                                .and_then(|st| st.elements.or(Some(st.bytes)))
                        });
                    match held {
                        Some(h) => h > cap,
                        None => input,
                    }
                });
                if let Some(src_name) = longer {
                    out.push(ctx.finding(
                        &META,
                        write,
                        format!(
                            "This loop copies `{src_name}` until its end into `{dst}` ({cap} elements) without testing `{cursor}` against that size."
                        ),
                    ));
                    break;
                }
            }
        }
    }
}
