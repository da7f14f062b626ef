//! ## CWE-762: memory released by the wrong routine (`c/mismatched-delete`)
//!
//! ### What it does
//! Finds, in C++ code, memory released by a routine that does not match how it was
//! allocated in the same function: `new T[n]` released with `delete` (not `delete[]`),
//! `new T` with `delete[]`, `malloc`/`calloc`/`realloc`/`strdup` with `delete`, and `new`
//! with `free`.
//!
//! ### Why is this bad?
//! Each allocator keeps its own bookkeeping: the wrong release runs the wrong number of
//! destructors and hands the allocator a pointer it never gave out, which corrupts the heap
//! (undefined behaviour that attackers can often steer).
//!
//! ### Example
//! ```cpp
//! int *data = new int[4];
//! delete data;
//! ```
//!
//! ### Use instead
//! ```cpp
//! int *data = new int[4];
//! delete[] data;
//! ```
//!
//! ### References
//! - MITRE, CWE-762: <https://cwe.mitre.org/data/definitions/762.html>
//! - SEI CERT C++, MEM51-CPP: properly deallocate dynamically allocated resources

use super::CContext;
use crate::ast::NodeExt;
use crate::ast::{self, text};
use crate::c::model::{call_args, declarator_name, root_name, strip_all_casts};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;
use tree_sitter::Node;

pub static META: RuleMeta = RuleMeta {
    id: "c/mismatched-delete",
    cwe: crate::Cwe::new(762),
    name: "Memory released by the wrong routine",
    language: Language::C,
    severity: Severity::High,
    summary: "Memory is released by a routine that does not match its allocation.",
};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Alloc {
    NewArray,
    New,
    Malloc,
}

impl Alloc {
    fn name(self) -> &'static str {
        match self {
            Alloc::NewArray => "`new[]`",
            Alloc::New => "`new`",
            Alloc::Malloc => "`malloc`",
        }
    }
}

/// How `value` allocates, if it does: directly, or through a function of the file whose
/// every `return` hands back one kind of allocation (`char *make_copy(…) { char *p =
/// malloc(…); …; return p; }`).
fn allocation(ctx: &CContext, value: Node) -> Option<Alloc> {
    allocation_depth(ctx, value, 0)
}

fn allocation_depth(ctx: &CContext, value: Node, depth: usize) -> Option<Alloc> {
    let s = ctx.src();
    let v = strip_all_casts(value, s);
    if v.node_kind() == "call_expression" && depth < 2 {
        if let Some(f) = ctx.model.function_named(ctx.model.call_name(v)) {
            let mut kind: Option<Alloc> = None;
            for &n in &f.nodes {
                if n.node_kind() != "return_statement" {
                    continue;
                }
                let r = strip_all_casts(n.named_child(0)?, s);
                if matches!(text(r, s), "NULL" | "nullptr" | "0") {
                    continue;
                }
                let a = if r.node_kind() == "identifier" {
                    crate::c::storage::last_value(f, text(r, s), n.start_byte(), s)
                        .and_then(|x| allocation_depth(ctx, x, depth + 1))
                } else {
                    allocation_depth(ctx, r, depth + 1)
                }?;
                if kind.is_some_and(|k| k != a) {
                    return None;
                }
                kind = Some(a);
            }
            return kind;
        }
    }
    match v.node_kind() {
        "new_expression" => Some(
            if ast::named_children(v)
                .iter()
                .any(|c| c.node_kind() == "new_declarator")
            {
                Alloc::NewArray
            } else {
                Alloc::New
            },
        ),
        "call_expression" => matches!(
            ctx.model.call_name(v),
            "malloc" | "calloc" | "realloc" | "strdup" | "strndup"
        )
        .then_some(Alloc::Malloc),
        _ => None,
    }
}

/// C++: how the file's methods allocate each data member, over every method and
/// constructor (`: data_(new char[n])`, `data_ = new char[n]`, `this->data_ = …`); a member
/// appears only when all its allocations agree.
fn member_allocations(ctx: &CContext) -> Vec<(String, Alloc)> {
    let s = ctx.src();
    let mut seen: Vec<(String, Alloc)> = Vec::new();
    let mut mixed: Vec<String> = Vec::new();
    let mut note = |name: &str, a: Alloc| {
        let name = name.trim_start_matches("this->").to_string();
        if !ctx.model.members.contains(&name) {
            return;
        }
        match seen.iter().find(|(m, _)| *m == name) {
            Some((_, b)) if *b != a => mixed.push(name),
            Some(_) => {}
            None => seen.push((name, a)),
        }
    };
    for (func, _) in ctx.functions() {
        let inits = ast::named_children(func.node)
            .into_iter()
            .filter(|c| c.node_kind() == "field_initializer_list");
        for list in inits {
            for init in ast::named_children(list) {
                let (Some(field), Some(args)) = (init.named_child(0), init.named_child(1)) else {
                    continue;
                };
                if let Some(a) = args.named_child(0).and_then(|v| allocation(ctx, v)) {
                    note(text(field, s), a);
                }
            }
        }
        for &n in &func.nodes {
            if n.node_kind() != "assignment_expression" {
                continue;
            }
            if let (Some(l), Some(a)) = (n.field("left"), n.field("right").and_then(|r| allocation(ctx, r))) {
                note(text(l, s), a);
            }
        }
    }
    seen.retain(|(m, _)| !mixed.contains(m));
    seen
}

pub fn check(ctx: &CContext, out: &mut Vec<Finding>) {
    let s = ctx.src();
    let members = if ctx.model.members.is_empty() {
        Vec::new()
    } else {
        member_allocations(ctx)
    };
    for (func, _) in ctx.functions() {
        // (byte, variable, how it was allocated), in source order.
        let mut allocs: Vec<(usize, String, Alloc)> = Vec::new();
        for &n in &func.nodes {
            let (target, value) = match n.node_kind() {
                "init_declarator" => (
                    n.field("declarator").and_then(|d| declarator_name(d, s)),
                    n.field("value"),
                ),
                "assignment_expression" => (
                    n.field("left").and_then(|l| root_name(l, s)),
                    n.field("right"),
                ),
                _ => (None, None),
            };
            if let (Some(t), Some(v)) = (target, value) {
                if let Some(a) = allocation(ctx, v) {
                    allocs.push((n.start_byte(), t, a));
                }
                continue;
            }
            let (var, release, wrong): (Option<String>, &str, fn(Alloc) -> bool) =
                match n.node_kind() {
                    "delete_expression" => {
                        let operand =
                            n.named_child((n.named_child_count() as u32).saturating_sub(1));
                        let array = text(n, s)
                            .trim_start_matches("::")
                            .trim_start_matches("delete")
                            .trim_start()
                            .starts_with('[');
                        if array {
                            (operand.and_then(|o| root_name(o, s)), "`delete[]`", |a| {
                                a != Alloc::NewArray
                            })
                        } else {
                            (operand.and_then(|o| root_name(o, s)), "`delete`", |a| {
                                a != Alloc::New
                            })
                        }
                    }
                    "call_expression" if ctx.model.call_name(n) == "free" => (
                        call_args(n).first().and_then(|a| root_name(*a, s)),
                        "`free`",
                        |a| a != Alloc::Malloc,
                    ),
                    _ => continue,
                };
            let Some(var) = var else { continue };
            let last = allocs
                .iter()
                .rev()
                .find(|(at, v, _)| *at < n.start_byte() && *v == var);
            // A data member released in a method other than the one that allocated it
            // (`~Buffer() { delete data_; }` for `data_(new char[n])`).
            let member = || {
                let bare = var.trim_start_matches("this->");
                members.iter().find(|(m, _)| m == bare).map(|&(_, a)| a)
            };
            if let Some(a) = last.map(|&(_, _, a)| a).or_else(member) {
                if wrong(a) {
                    out.push(ctx.finding(
                        &META,
                        n,
                        format!("`{var}` was allocated with {} and is released with {release}.", a.name()),
                    ));
                }
            }
        }
    }
}
