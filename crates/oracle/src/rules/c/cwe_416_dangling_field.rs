//! ## CWE-416: a struct field left pointing at freed memory (`c/dangling-field`)
//!
//! ### What it does
//! Finds a function that frees the memory a field of one of its parameters
//! points to, `free(s->buf)` or `tmp = s->buf; ...; free(tmp)`, and then
//! neither stores a new value in that field (`s->buf = NULL`) nor frees the
//! structure itself. The structure outlives the call, so its field now
//! dangles.
//!
//! A free inside a branch that leaves the function is treated the same:
//! the caller still holds the structure.
//!
//! C++: a method other than the destructor that deletes or frees a member of its own object
//! (`delete node;`) and does not reset it is reported the same way.
//!
//! ### Why is this bad?
//! Whoever uses the structure next (a later call, a cleanup path, the
//! destructor) reads through the stale pointer or frees it a second time.
//! Many use-after-free CVEs are fixed by exactly the missing `= NULL`.
//!
//! ### Example
//! ```c
//! void session_reset(struct session *s) {
//!     free(s->token);
//!     s->state = 0;
//! }
//! ```
//!
//! ### Use instead
//! ```c
//! void session_reset(struct session *s) {
//!     free(s->token);
//!     s->token = NULL;
//!     s->state = 0;
//! }
//! ```
//!
//! ### References
//! - MITRE, CWE-416: <https://cwe.mitre.org/data/definitions/416.html>

use super::CContext;
use crate::ast::NodeExt;

use crate::c::concepts::{deallocator_arg, never_frees};
use crate::c::model::{call_args, declarator_name, squeezed, strip_parens_casts, CFunction};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;
use tree_sitter::Node;

pub static META: RuleMeta = RuleMeta {
    id: "c/dangling-field",
    cwe: crate::Cwe::new(416),
    name: "Field left dangling after free",
    language: Language::C,
    severity: Severity::Medium,
    summary: "A parameter's field still points at memory the function freed.",
};

/// A plain deallocator of its argument (`free`, `kfree`, `list_free`),
/// not a `free_<part>(obj)` that releases something the object holds.
fn frees_whole_argument(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    deallocator_arg(name, 1) == Some(0) && (n.ends_with("free") || n.ends_with("_destroy"))
}

pub fn check(ctx: &CContext, out: &mut Vec<Finding>) {
    members_left_dangling(ctx, out);
    for (func, _) in ctx.functions() {
        let params: Vec<&str> = func
            .params
            .iter()
            .filter(|p| p.is_pointer)
            .map(|p| p.name.as_str())
            .collect();
        if params.is_empty() {
            continue;
        }
        for (call, name) in &func.calls {
            let nargs = call_args(*call).len();
            // `blk_free_flush_queue(q->fq)`: a `free` inside the name, given
            // the field itself, frees what the field points to.
            let Some(index) = deallocator_arg(name, nargs).or_else(|| {
                (nargs == 1
                    && !never_frees(name)
                    && name.to_ascii_lowercase().split('_').any(|t| t == "free"))
                .then_some(0)
            }) else {
                continue;
            };
            let Some(arg) = call_args(*call).get(index).map(|a| strip_parens_casts(*a)) else {
                continue;
            };
            let field = match arg.node_kind() {
                "field_expression" => squeezed(ctx.text(arg)),
                // `it = s->priv; ...; kfree(it);`
                "identifier" if frees_whole_argument(name) => {
                    match loaded_from(ctx, func, ctx.text(arg), call.start_byte()) {
                        Some(f) => f,
                        None => continue,
                    }
                }
                _ => continue,
            };
            let Some(base) = params.iter().find(|p| {
                field
                    .strip_prefix(**p)
                    .is_some_and(|rest| rest.starts_with("->"))
            }) else {
                continue;
            };
            // Only the parameter's own pointer fields (`s->buf`), not
            // objects reached through other pointers or arrays.
            if field.contains('[') || field.contains('(') {
                continue;
            }
            if reset_after(ctx, func, &field, call.end_byte())
                || struct_released(ctx, func, base)
                || callers_reset(ctx, func, base, &field)
            {
                continue;
            }
            out.push(ctx.finding(
                &META,
                *call,
                format!(
                    "`{}` frees the memory `{field}` points to, and `{field}` is never reset, so `{base}` keeps a dangling pointer; set `{field} = NULL` after the free.",
                    ctx.text(*call).split_whitespace().collect::<Vec<_>>().join(" ")
                ),
            ));
        }
    }
}

/// C++: a method (not the destructor) that deletes or frees a member of its object
/// (`delete node;`, `free(this->buf)`) and does not reset it: the object outlives the call,
/// and the next method to use the member reads freed memory.
fn members_left_dangling(ctx: &CContext, out: &mut Vec<Finding>) {
    let s = ctx.src();
    for (func, _) in ctx.functions() {
        // A destructor (`~Holder()`, `Holder::~Holder()`) ends the object's life.
        let destructor = func.name.contains('~')
            || func
                .node
                .field("declarator")
                .is_some_and(|d| ctx.text(d).contains('~'));
        if !func.is_method || destructor {
            continue;
        }
        for &n in &func.nodes {
            let arg = match n.node_kind() {
                "delete_expression" => {
                    n.named_child((n.named_child_count() as u32).saturating_sub(1))
                }
                "call_expression" if frees_whole_argument(ctx.model.call_name(n)) => {
                    call_args(n).first().copied()
                }
                _ => None,
            };
            let Some(arg) = arg.map(strip_parens_casts) else {
                continue;
            };
            let member = squeezed(ctx.text(arg));
            let name = member.strip_prefix("this->").unwrap_or(&member);
            let is_member = member.starts_with("this->")
                || (arg.node_kind() == "identifier"
                    && func.declared_type(s, name).is_none()
                    && func.param_index(name).is_none()
                    && (ctx.model.members.iter().any(|m| m == name)
                        || !ctx.model.file_scope.iter().any(|g| g == name)));
            if !is_member
                || reset_after(ctx, func, name, n.end_byte())
                || reset_after(ctx, func, &format!("this->{name}"), n.end_byte())
            {
                continue;
            }
            out.push(ctx.finding(
                &META,
                n,
                format!(
                    "`{}` releases the memory member `{name}` points to, and `{name}` is never reset, so the object keeps a dangling pointer for its other methods; set `{name} = nullptr` after it.",
                    ctx.text(n).split_whitespace().collect::<Vec<_>>().join(" ")
                ),
            ));
        }
    }
}

/// The field a local was last set from before `pos`, when that value is
/// exactly a field (`struct iter *it = seqf->private;`).
fn loaded_from(ctx: &CContext, func: &CFunction, var: &str, pos: usize) -> Option<String> {
    let mut last: Option<(usize, Option<String>)> = None;
    func.preorder(|n| {
        if n.start_byte() >= pos {
            return;
        }
        let (target, value) = match n.node_kind() {
            "init_declarator" => (
                n.field("declarator")
                    .and_then(|d| declarator_name(d, ctx.src())),
                n.field("value"),
            ),
            "assignment_expression" if n.field("operator").map(|o| ctx.text(o)) == Some("=") => (
                n.field("left").map(|l| squeezed(ctx.text(l))),
                n.field("right"),
            ),
            _ => return,
        };
        if target.as_deref() != Some(var) {
            return;
        }
        let v = value.map(strip_parens_casts);
        let field = v
            .filter(|v| v.node_kind() == "field_expression")
            .map(|v| squeezed(ctx.text(v)));
        last = Some((n.start_byte(), field));
    });
    last.and_then(|(_, f)| f)
}

/// `field` is assigned (or passed by address, or cleared by a helper) after
/// `pos`, or anywhere in the function before a loop brings control back.
/// `func` has callers in the file, and each resets the field in its own structure right
/// after the call (`drop(&u); u.name = NULL;`, `drop(p); p->name = NULL;`): the dangling
/// pointer never outlives the call's caller.
fn callers_reset(ctx: &CContext, func: &CFunction, base: &str, field: &str) -> bool {
    let Some(index) = func.param_index(base) else {
        return false;
    };
    let rest = &field[base.len() + 2..];
    let mut any = false;
    for (caller, _) in ctx.functions() {
        for &(call, callee) in &caller.calls {
            if callee != func.name && crate::c::model::unqualified(callee) != func.name {
                continue;
            }
            any = true;
            let Some(arg) = call_args(call).get(index).map(|a| squeezed(ctx.text(*a))) else {
                return false;
            };
            let theirs = match arg.strip_prefix('&') {
                Some(object) => format!("{object}.{rest}"),
                None => format!("{arg}->{rest}"),
            };
            if !reset_after(ctx, caller, &theirs, call.end_byte()) {
                return false;
            }
        }
    }
    any
}

fn reset_after(ctx: &CContext, func: &CFunction, field: &str, pos: usize) -> bool {
    func.any(|n| {
        let written = match n.node_kind() {
            "assignment_expression" => n
                .field("left")
                .is_some_and(|l| squeezed(ctx.text(l)) == field),
            // `&s->buf` handed to a function may be reset by it.
            "pointer_expression" => {
                ctx.text(n).starts_with('&')
                    && n.field("argument")
                        .is_some_and(|a| squeezed(ctx.text(a)) == field)
            }
            "call_expression" => {
                let name = ctx.model.call_name(n);
                (name.contains("INIT_POINTER")
                    || name.contains("assign_pointer")
                    || name.contains("WRITE_ONCE"))
                    && call_args(n)
                        .first()
                        .is_some_and(|a| squeezed(ctx.text(*a)) == field)
            }
            _ => false,
        };
        written && (n.start_byte() >= pos || in_loop_with(n, pos))
    })
}

/// `n` and the byte `pos` lie in one loop body, so `n` may run after `pos`.
fn in_loop_with(n: Node, pos: usize) -> bool {
    let mut cur = n.parent_node();
    while let Some(p) = cur {
        if matches!(
            p.node_kind(),
            "for_statement" | "while_statement" | "do_statement"
        ) && p.start_byte() <= pos
            && pos < p.end_byte()
        {
            return true;
        }
        cur = p.parent_node();
    }
    false
}

/// The structure itself is freed, or handed to a release/destroy function
/// (a destructor tearing it down field by field).
fn struct_released(ctx: &CContext, func: &CFunction, base: &str) -> bool {
    func.calls.iter().any(|(call, name)| {
        let lname = name.to_ascii_lowercase();
        let tears_down = deallocator_arg(name, call_args(*call).len()).is_some()
            || ["release", "unref", "destroy", "cleanup", "dispose"]
                .iter()
                .any(|k| lname.contains(k))
            || lname.ends_with("_put")
            || lname.starts_with("put_");
        tears_down
            && call_args(*call)
                .iter()
                .any(|a| squeezed(ctx.text(strip_parens_casts(*a))) == base)
    })
}
