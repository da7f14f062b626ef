//! What a pointer points to: `char *data = dataBuffer;` or `int *data = malloc(10);`. The
//! textbook overflow is written through such a pointer (the buffer is declared in one line,
//! aliased in the next, overrun in a third), so the rules that compare a copy's or a loop's
//! constant size with the storage ask here when the written name is not itself an array.

use crate::ast::{text, NodeExt};
use crate::c::model::{call_args, declarator_name, strip_parens_casts, CFunction};
use crate::rules::c::CContext;
use tree_sitter::Node;

/// The storage behind a name: its size in bytes and, when the pointer's type has a known
/// size, in elements of that type (`void *`, a struct pointer: bytes only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Storage {
    pub bytes: i64,
    pub elements: Option<i64>,
}

/// The size of a scalar type as written (`int`, `unsigned char`, `wchar_t`), on LP64.
pub fn type_size(ty: &str) -> Option<i64> {
    let t: String = ty
        .split_whitespace()
        .filter(|w| !matches!(*w, "const" | "volatile" | "unsigned" | "signed" | "static"))
        .collect::<Vec<_>>()
        .join(" ");
    Some(match t.as_str() {
        "char" | "int8_t" | "uint8_t" | "u8" | "BYTE" | "byte" | "bool" | "_Bool" => 1,
        "short" | "int16_t" | "uint16_t" => 2,
        "int" | "float" | "wchar_t" | "int32_t" | "uint32_t" => 4,
        "long" | "long long" | "double" | "size_t" | "ssize_t" | "int64_t" | "uint64_t" => 8,
        _ => return None,
    })
}

/// The storage `name` names at `at`: a fixed array of the function or file, or, for a
/// pointer, what its last assignment before `at` made it point to: a fixed array
/// (`data = dataBuffer`) or a constant-size allocation (`malloc(10)`, `calloc(4, 8)`).
pub fn of(ctx: &CContext, func: &CFunction, name: &str, at: usize) -> Option<Storage> {
    let s = ctx.src();
    if let Some(elements) = func.array_len(ctx.model, name) {
        let size = element_size(ctx, func, name).unwrap_or(1);
        return Some(Storage {
            bytes: elements * size,
            elements: Some(elements),
        });
    }
    let value = last_value(func, name, at, s)?;
    let v = strip_parens_casts(value);
    let bytes = match v.node_kind() {
        "identifier" if func.array_len(ctx.model, text(v, s)).is_some() => {
            return at_array(ctx, func, text(v, s));
        }
        "call_expression" => {
            let args = call_args(v);
            match ctx.model.call_name(v) {
                "malloc" | "alloca" => ctx.model.const_int(*args.first()?)?,
                "calloc" => ctx
                    .model
                    .const_int(*args.first()?)?
                    .checked_mul(ctx.model.const_int(*args.get(1)?)?)?,
                _ => return None,
            }
        }
        _ => return None,
    };
    Some(Storage {
        bytes,
        elements: element_size(ctx, func, name).map(|size| bytes / size),
    })
}

/// The array a pointer was last set to before `at` (`data = dataBuffer;`), when `name` is
/// not an array itself.
pub fn aliased_array(ctx: &CContext, func: &CFunction, name: &str, at: usize) -> Option<String> {
    if func.array_len(ctx.model, name).is_some() {
        return None;
    }
    let s = ctx.src();
    let v = strip_parens_casts(last_value(func, name, at, s)?);
    (v.node_kind() == "identifier" && func.array_len(ctx.model, text(v, s)).is_some())
        .then(|| text(v, s).to_string())
}

fn at_array(ctx: &CContext, func: &CFunction, array: &str) -> Option<Storage> {
    let elements = func.array_len(ctx.model, array)?;
    let size = element_size(ctx, func, array)?;
    Some(Storage {
        bytes: elements * size,
        elements: Some(elements),
    })
}

/// The size of what `name` holds or points to, from its declared type.
fn element_size(ctx: &CContext, func: &CFunction, name: &str) -> Option<i64> {
    let ty = func
        .declared_type(ctx.src(), name)
        .or_else(|| ctx.model.global_type(name))?;
    type_size(&ty)
}

/// An index that is a string's own length, or that length minus a constant, into that same
/// string: `buf[len]` (its terminator) or `buf[len - 1]` (its last character, the newline
/// strip after `fgets`) with `len = strlen(buf)` (or `wcslen`), or `buf[strlen(buf) - 1]`.
/// A terminated string's length lies inside its own storage, so such an index is in
/// bounds whatever the input was, except `len - k` on a string shorter than `k`: that form
/// counts only once a condition before it tests the length (`if (len > 0 && buf[len - 1]
/// == '\n')`); `buf[strlen(buf) - 1]` untested reads before an empty string (libevent's
/// CVE-2016-10197).
pub fn is_own_length_index(func: &CFunction, arr: Node, idx: Node, s: &str) -> bool {
    let array = crate::c::model::squeezed(text(arr, s));
    let is_length_of_array = |v: Node| {
        let v = crate::c::model::strip_parens_casts(v);
        v.node_kind() == "call_expression"
            && matches!(crate::c::model::call_name(v, s), "strlen" | "wcslen")
            && crate::c::model::call_args(v)
                .first()
                .is_some_and(|a| crate::c::model::squeezed(text(*a, s)) == array)
    };
    let mut idx = crate::c::model::strip_parens_casts(idx);
    let mut minus = false;
    if idx.node_kind() == "binary_expression"
        && idx.field("operator").is_some_and(|o| text(o, s) == "-")
        && idx
            .field("right")
            .is_some_and(|r| r.node_kind() == "number_literal")
    {
        match idx.field("left") {
            Some(l) => idx = crate::c::model::strip_parens_casts(l),
            None => return false,
        }
        minus = true;
    }
    match idx.node_kind() {
        "call_expression" => !minus && is_length_of_array(idx),
        "identifier" => {
            let var = text(idx, s);
            last_value(func, var, idx.start_byte(), s).is_some_and(is_length_of_array)
                && (!minus || compared_before(func, var, idx.start_byte(), s))
        }
        _ => false,
    }
}

/// A comparison of `var` (`len > 0`, `len == 0`) that ends before `at`: a test of the
/// length before the index is formed (a comparison holding the index itself is none).
fn compared_before(func: &CFunction, var: &str, at: usize, s: &str) -> bool {
    func.nodes.iter().any(|n| {
        n.end_byte() <= at
            && n.node_kind() == "binary_expression"
            && n.field("operator")
                .is_some_and(|o| matches!(text(o, s), ">" | ">=" | "<" | "<=" | "==" | "!="))
            && [n.field("left"), n.field("right")]
                .into_iter()
                .flatten()
                .any(|x| x.node_kind() == "identifier" && text(x, s) == var)
    })
}

/// The value of `name`'s last plain assignment or initialisation before `at`.
pub fn last_value<'t>(func: &CFunction<'t>, name: &str, at: usize, s: &str) -> Option<Node<'t>> {
    let mut value = None;
    for &n in &func.nodes {
        if n.start_byte() >= at {
            break;
        }
        let (target, v) = match n.node_kind() {
            "init_declarator" => (
                n.field("declarator").and_then(|d| declarator_name(d, s)),
                n.field("value"),
            ),
            "assignment_expression" if n.field("operator").is_some_and(|o| text(o, s) == "=") => (
                n.field("left")
                    .filter(|l| l.node_kind() == "identifier")
                    .map(|l| text(l, s).to_string()),
                n.field("right"),
            ),
            _ => continue,
        };
        if target.as_deref() == Some(name) {
            value = v;
        }
    }
    value
}
