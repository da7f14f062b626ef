//! Reads and writes through a pointer set before the start of its buffer (`data =
//! dataBuffer - 8;`): the textbook under-read (CWE-127, a CWE-125) and under-write (CWE-124,
//! a CWE-787). Both rules ask here for the accesses; each reports its own kind.

use tree_sitter::Node;

use crate::ast::{text, NodeExt};
use crate::c::model::{call_args, strip_parens_casts, CFunction};
use crate::c::storage;
use crate::finding::{Finding, RuleMeta};
use crate::rules::c::CContext;

/// Whether an access reads or writes memory through the pointer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
}

/// One access through a pointer that points before its buffer.
pub struct Underrun<'t> {
    /// The call, subscript or dereference that reaches memory.
    pub node: Node<'t>,
    pub access: Access,
    pub pointer: &'t str,
    /// The subtraction that set the pointer (`dataBuffer - 8`), here or in a caller.
    pub set_by: Node<'t>,
    pub offset: i64,
}

/// The argument positions a library call reads from or writes to, from the pointer on.
fn call_accesses(name: &str) -> &'static [(usize, Access)] {
    use Access::{Read, Write};
    match name {
        "strcpy" | "strncpy" | "strcat" | "strncat" | "memcpy" | "memmove" | "wcscpy"
        | "wcsncpy" | "wcscat" | "wcsncat" | "wmemcpy" | "wmemmove" => &[(0, Write), (1, Read)],
        "memset" | "wmemset" | "fgets" | "fgetws" | "snprintf" | "sprintf" | "swprintf"
        | "read" | "recv" | "fread" => &[(0, Write)],
        "strlen" | "wcslen" | "puts" | "fputs" | "atoi" | "atol" | "strtol" => &[(0, Read)],
        _ => &[],
    }
}

/// A subscript or dereference written to (`data[i] = …`, `*p = …`, `p[i]++`), else read;
/// `None` when only its address is taken.
fn access_of(n: Node) -> Option<Access> {
    let Some(p) = n.parent_node() else {
        return Some(Access::Read);
    };
    match p.node_kind() {
        "assignment_expression" if p.field("left") == Some(n) => Some(Access::Write),
        "update_expression" => Some(Access::Write),
        "pointer_expression" if p.child(0).is_some_and(|c| c.node_kind() == "&") => None,
        _ => Some(Access::Read),
    }
}

/// The names `func` sets to a name minus a constant (`data = dataBuffer - 8`).
fn minus_targets<'t>(func: &CFunction<'t>, s: &'t str) -> Vec<&'t str> {
    let mut out = Vec::new();
    for &n in &func.nodes {
        let (target, value) = match n.node_kind() {
            "init_declarator" => (
                n.field("declarator")
                    .filter(|d| d.node_kind() == "pointer_declarator"),
                n.field("value"),
            ),
            "assignment_expression" => (n.field("left"), n.field("right")),
            _ => continue,
        };
        let (Some(target), Some(value)) = (target, value.map(strip_parens_casts)) else {
            continue;
        };
        let minus_constant = value.node_kind() == "binary_expression"
            && value.field("operator").is_some_and(|o| text(o, s) == "-")
            && value
                .field("right")
                .is_some_and(|r| r.node_kind() == "number_literal");
        if !minus_constant {
            continue;
        }
        let name = if target.node_kind() == "pointer_declarator" {
            target.field("declarator").map(|d| text(d, s))
        } else {
            (target.node_kind() == "identifier").then(|| text(target, s))
        };
        out.extend(name);
    }
    out
}

/// Whether some function of the file sets a pointer to a name minus a constant: without
/// one, no access can underrun (asked once per file, before [`underruns`]).
fn file_sets_any(ctx: &CContext) -> bool {
    ctx.model
        .functions
        .iter()
        .any(|f| !minus_targets(f, ctx.src()).is_empty())
}

/// Every access of `func` through a pointer set before the start of a known buffer, in a
/// file where [`file_sets_any`].
fn underruns<'t>(ctx: &CContext<'_, 't>, func: &CFunction<'t>) -> Vec<Underrun<'t>> {
    let s = ctx.src();
    let mut out = Vec::new();
    // Only names set to `x - K` here, or parameters when some function of the file sets
    // one, can point before a buffer: the search for a last value is not run for others.
    let here = minus_targets(func, s);
    if here.is_empty() && func.params.is_empty() {
        return out;
    }
    let mut push = |node: Node<'t>, pointer: Node<'t>, access: Access| {
        if pointer.node_kind() != "identifier" {
            return;
        }
        let name = text(pointer, s);
        if !here.contains(&name) && func.param_index(name).is_none() {
            return;
        }
        if let Some((set_by, offset)) = storage::before_start(ctx, func, name, node.start_byte()) {
            out.push(Underrun {
                node,
                access,
                pointer: name,
                set_by,
                offset,
            });
        }
    };
    for &n in &func.nodes {
        match n.node_kind() {
            "call_expression" => {
                let args = call_args(n);
                for &(i, access) in call_accesses(ctx.model.call_name(n)) {
                    if let Some(arg) = args.get(i) {
                        push(n, strip_parens_casts(*arg), access);
                    }
                }
            }
            "subscript_expression" => {
                let Some(arg) = n.field("argument") else {
                    continue;
                };
                if let Some(access) = access_of(n) {
                    push(n, strip_parens_casts(arg), access);
                }
            }
            "pointer_expression" if n.child(0).is_some_and(|c| c.node_kind() == "*") => {
                if let (Some(arg), Some(access)) = (n.field("argument"), access_of(n)) {
                    push(n, strip_parens_casts(arg), access);
                }
            }
            _ => {}
        }
    }
    // A constant index at or past the offset is inside the buffer again.
    out.retain(|u| {
        u.node.node_kind() != "subscript_expression"
            || u.node
                .field("index")
                .and_then(|i| ctx.model.const_int(i))
                .is_none_or(|k| k < u.offset)
    });
    out
}

/// The rules' findings for one kind of access (`verb`: "reads", "writes"): the first such
/// access through each pointer in each function shows the flaw.
pub fn report(ctx: &CContext, meta: &RuleMeta, access: Access, verb: &str, out: &mut Vec<Finding>) {
    if !file_sets_any(ctx) {
        return;
    }
    for (func, _) in ctx.functions() {
        let mut seen: Vec<&str> = Vec::new();
        for u in underruns(ctx, func) {
            if u.access != access || seen.contains(&u.pointer) {
                continue;
            }
            seen.push(u.pointer);
            out.push(ctx.finding(
                meta,
                u.node,
                format!(
                    "`{}` points {} elements before the start of its buffer (`{}`, line {}), and this {verb} through it.",
                    u.pointer,
                    u.offset,
                    ctx.text(u.set_by),
                    ctx.line(u.set_by)
                ),
            ));
        }
    }
}
