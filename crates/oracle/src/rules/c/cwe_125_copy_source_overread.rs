//! ## CWE-125: copy that reads past its source array (`c/copy-source-overread`)
//!
//! ### What it does
//! Finds `memcpy`/`memmove` calls whose source is a fixed byte array and whose length can
//! exceed it: a constant larger than the array, the size of another, larger array
//! (`memcpy(dst, src, sizeof dst)`), or a length from input that was bounded only by the
//! destination's size (`if (n > sizeof dst) return;`), never by the source's; also copies
//! that start reading at an offset from input (`table + off`, `&table[off]`) never checked
//! against the array, and comparisons (`memcmp`, `strncmp`, `memchr`) over a fixed array by
//! a length from input never checked.
//!
//! ### Why is this bad?
//! The copy reads the bytes after the source array — other variables, saved pointers,
//! secrets — into the destination, from where the program usually prints or sends them.
//!
//! ### Example
//! ```c
//! char src[8] = "abcdefg";
//! if (n > sizeof dst) return 1;
//! memcpy(dst, src, n);
//! ```
//!
//! ### Use instead
//! ```c
//! if (n > sizeof src) return 1;
//! memcpy(dst, src, n);
//! ```
//!
//! ### References
//! - MITRE CWE-125, Out-of-bounds Read; CWE-126, Buffer Over-read.

use super::CContext;
use crate::ast::NodeExt;
use crate::c::concepts::src;
use crate::c::model::{
    call_args, identifiers, sizeof_operand, squeezed, strip_parens_casts, CFunction,
};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "c/copy-source-overread",
    cwe: crate::Cwe::new(125),
    name: "Copy that reads past its source array",
    language: Language::C,
    severity: Severity::High,
    summary: "A memcpy/memmove length can exceed the fixed source array it reads.",
};

pub fn check(ctx: &CContext, out: &mut Vec<Finding>) {
    let s = ctx.src();
    for (func, taint) in ctx.functions() {
        for &(call, _) in &func.calls {
            let name = ctx.model.call_name(call);
            if let Some(m) = compare_past_array(ctx, func, taint, call, name) {
                out.push(ctx.finding(&META, call, m));
                continue;
            }
            if !matches!(name, "memcpy" | "memmove") {
                continue;
            }
            let args = call_args(call);
            let (Some(&sv), Some(&n)) = (args.get(1), args.get(2)) else {
                continue;
            };
            let sv = strip_parens_casts(sv);
            if let Some(m) = offset_from_input(ctx, func, taint, sv, call.start_byte()) {
                out.push(ctx.finding(&META, call, format!("`{name}` reads from {m}")));
                continue;
            }
            if sv.node_kind() != "identifier" {
                continue;
            }
            let src_name = ctx.text(sv);
            let n_text = squeezed(ctx.text(n));
            let Some(len) = func.byte_array_len(ctx.model, src_name) else {
                // A pointer to a known array (`data = small`, or one every caller passes):
                // `memcpy(dest, data, strlen(dest) * sizeof(char))` reads as many bytes as
                // the destination's string holds, past a shorter source.
                let Some(st) = crate::c::storage::of(ctx, func, src_name, call.start_byte())
                    .filter(|st| st.array)
                else {
                    continue;
                };
                let dest = args.first().map(|d| squeezed(ctx.text(strip_parens_casts(*d))));
                let dest_bytes = dest.as_deref().and_then(|d| {
                    crate::c::storage::of(ctx, func, d, call.start_byte()).map(|d| d.bytes)
                });
                if let (Some(d), Some(db)) = (dest, dest_bytes) {
                    // The longest string the destination holds, in bytes: all of it but the
                    // terminator (a `wchar_t` for a wide string).
                    let most = db - if n_text.starts_with("wcslen") { 4 } else { 1 };
                    if crate::c::model::is_length_of(&n_text, &d) && most > st.bytes {
                        out.push(ctx.finding(
                            &META,
                            call,
                            format!(
                                "`{name}` copies `{}` bytes, up to {most}, from `{src_name}`, which points to {} bytes.",
                                ctx.text(n),
                                st.bytes
                            ),
                        ));
                    }
                }
                continue;
            };
            let other = sizeof_operand(&n_text).filter(|x| *x != src_name);
            let why = if let Some(count) = ctx.model.const_int(n) {
                (count > len).then(|| format!("copies {count} bytes"))
            } else if let Some(other) = other {
                func.byte_array_len(ctx.model, other)
                    .filter(|&o| o > len)
                    .map(|o| format!("copies `sizeof {other}` ({o}) bytes"))
            } else if taint.of(n, s).is(src::LOCAL | src::REMOTE) {
                bounded_by_other(func, n, src_name, call.start_byte(), s)
                    .then(|| format!("copies `{}` bytes, a length from input bounded only by another buffer's size,", ctx.text(n)))
            } else {
                None
            };
            if let Some(why) = why {
                out.push(ctx.finding(
                    &META,
                    call,
                    format!("`{name}` {why} from `{src_name}`, which holds {len}."),
                ));
            }
        }
    }
}

/// `memcmp(secret, guess, len)` (also `strncmp`, `memchr`) over a fixed array with a
/// length from input — here or from every caller — that nothing compared before the call:
/// the comparison reads past the array as far as the input says.
fn compare_past_array(
    ctx: &CContext,
    func: &CFunction,
    taint: &crate::c::taint::FunctionTaint,
    call: tree_sitter::Node,
    name: &str,
) -> Option<String> {
    let s = ctx.src();
    let (arrays, n) = match name {
        "memcmp" | "strncmp" | "bcmp" => {
            let args = call_args(call);
            (vec![*args.first()?, *args.get(1)?], *args.get(2)?)
        }
        "memchr" => {
            let args = call_args(call);
            (vec![*args.first()?], *args.get(2)?)
        }
        _ => return None,
    };
    let vars = identifiers(n, s);
    let unchecked = !vars.is_empty()
        && ctx.model.const_int(n).is_none()
        && !squeezed(ctx.text(n)).starts_with("sizeof")
        && taint.of(n, s).is(src::LOCAL | src::REMOTE)
        && vars.iter().all(|v| !func.bounded_before(v, call.start_byte()));
    if !unchecked {
        return None;
    }
    arrays.into_iter().find_map(|a| {
        let a = strip_parens_casts(a);
        if a.node_kind() != "identifier" {
            return None;
        }
        let len = func.byte_array_len(ctx.model, ctx.text(a))?;
        Some(format!(
            "`{name}` reads `{}` bytes of `{}`, which holds {len}: the length comes from untrusted data and is never checked against it.",
            ctx.text(n),
            ctx.text(a)
        ))
    })
}

/// `table + off` or `&table[off]` as a copy's source, with `table` a fixed array and `off`
/// from input (here or in every caller) that nothing compared before the copy: the read
/// starts wherever the input says, past the array's end included.
pub(crate) fn offset_from_input(
    ctx: &CContext,
    func: &CFunction,
    taint: &crate::c::taint::FunctionTaint,
    sv: tree_sitter::Node,
    at: usize,
) -> Option<String> {
    let s = ctx.src();
    let (base, off) = match sv.node_kind() {
        "binary_expression" if sv.field("operator").is_some_and(|o| ctx.text(o) == "+") => {
            (sv.field("left")?, sv.field("right")?)
        }
        "pointer_expression" if sv.field("operator").is_some_and(|o| ctx.text(o) == "&") => {
            let sub = strip_parens_casts(sv.field("argument")?);
            if sub.node_kind() != "subscript_expression" {
                return None;
            }
            (sub.field("argument")?, sub.field("index")?)
        }
        _ => return None,
    };
    let base = strip_parens_casts(base);
    if base.node_kind() != "identifier" {
        return None;
    }
    let len = func.byte_array_len(ctx.model, ctx.text(base))?;
    let vars = identifiers(off, s);
    let unchecked = !vars.is_empty()
        && taint.of(off, s).is(src::LOCAL | src::REMOTE)
        && vars.iter().all(|v| !func.bounded_before(v, at));
    unchecked.then(|| {
        format!(
            "`{}`: the offset `{}` comes from untrusted data and is never checked against `{}` ({len} bytes).",
            ctx.text(sv),
            ctx.text(off),
            ctx.text(base)
        )
    })
}

/// Every variable of the length was compared before `at`, but never together with the
/// source array (`n > sizeof src`) nor alone against a constant (`n > 8`): some comparison
/// with another buffer's size stands in for the bound the source needs.
fn bounded_by_other(
    func: &CFunction,
    n: tree_sitter::Node,
    src_name: &str,
    at: usize,
    s: &str,
) -> bool {
    let vars = identifiers(n, s);
    // Every comparison's names, those inside `sizeof` included (`n > sizeof dst` names
    // `dst`, which the model's bounds leave out: a size is measured, not bounded).
    let comparisons: Vec<(usize, Vec<String>)> = func
        .nodes
        .iter()
        .filter(|c| {
            c.start_byte() < at
                && c.node_kind() == "binary_expression"
                && c.field("operator").is_some_and(|o| {
                    matches!(crate::ast::text(o, s), "<" | "<=" | ">" | ">=" | "==" | "!=")
                })
        })
        .map(|c| (c.start_byte(), identifiers(*c, s)))
        .collect();
    !vars.is_empty()
        && vars.iter().all(|v| {
            let tests: Vec<&Vec<String>> = comparisons
                .iter()
                .filter(|(_, ids)| ids.contains(v))
                .map(|(_, ids)| ids)
                .collect();
            !tests.is_empty()
                && tests
                    .iter()
                    .all(|ids| ids.iter().any(|i| i != v && i != src_name) && !ids.iter().any(|i| i == src_name))
        })
}
