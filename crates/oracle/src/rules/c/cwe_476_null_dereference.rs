//! ## CWE-476: dereference of a pointer set to NULL (`c/null-dereference`)
//!
//! ### What it does
//! Finds a pointer that is set to `NULL` (`p = NULL`, `int *p = 0`, `nullptr`) and then
//! dereferenced (`p->f`, `*p`, `p[i]`) with nothing in between that could change or test it:
//! no other assignment, no `&p` handed to a call, no condition that mentions it, and no
//! `return`/`goto`/`break` leaving the block of the NULL assignment. Also across one call:
//! the NULL pointer passed to a function of the same file that dereferences that parameter
//! before testing it.
//!
//! ### Why is this bad?
//! Dereferencing NULL crashes the program (a denial of service), and on platforms where
//! page zero can be mapped, or with a large field offset, it reads or writes memory an
//! attacker may control.
//!
//! ### Example
//! ```c
//! struct point *p = NULL;
//! if (verbose)
//!     log_line("start");
//! printf("%d\n", p->x);
//! ```
//!
//! ### Use instead
//! ```c
//! struct point origin = {0, 0};
//! struct point *p = &origin;
//! printf("%d\n", p->x);
//! ```
//!
//! ### References
//! - MITRE, CWE-476: <https://cwe.mitre.org/data/definitions/476.html>

use super::CContext;
use crate::ast::{self, text, NodeExt};
use crate::c::model::{call_args, strip_parens_casts, unqualified, CFunction};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;
use std::collections::{HashMap, HashSet};
use tree_sitter::Node;

pub static META: RuleMeta = RuleMeta {
    id: "c/null-dereference",
    cwe: crate::Cwe::new(476),
    name: "Dereference of a pointer set to NULL",
    language: Language::C,
    severity: Severity::High,
    summary: "A pointer set to NULL is dereferenced before anything else is assigned to it.",
};

/// What happens to a pointer variable at one place of a function, in source order.
enum Event<'t> {
    /// Set to NULL by this assignment or initialisation.
    Null(Node<'t>),
    /// Given another value, its address taken, or tested: its value is no longer known.
    Unknown,
    /// Given a value other than NULL by this assignment or initialisation.
    Assigned(Node<'t>),
    /// Mentioned in this condition: its value is no longer known after it.
    Tested(Node<'t>),
    /// Dereferenced here.
    Deref(Node<'t>),
    /// Passed as argument `index` of `call`.
    Passed(Node<'t>, usize),
    /// Its address passed as argument `index` of `call` (`sink(&data)`): the callee may
    /// read the pointer through it, or set it.
    AddressPassed(Node<'t>, usize),
}

fn is_null(n: Node, s: &str) -> bool {
    let n = strip_parens_casts(n);
    matches!(
        text(n, s).split_whitespace().collect::<String>().as_str(),
        "NULL" | "0" | "nullptr" | "((void*)0)"
    )
}

/// The pointer a node dereferences, when it is `p->f`, `*p` or `p[i]` on a plain variable
/// (not under `sizeof` or `&`, which compute without reading).
fn dereferenced<'t>(n: Node<'t>, s: &'t str) -> Option<&'t str> {
    let base = match n.node_kind() {
        "field_expression" if n.child(1).is_some_and(|o| o.node_kind() == "->") => {
            n.field("argument")?
        }
        "pointer_expression" if n.child(0).is_some_and(|o| o.node_kind() == "*") => {
            n.field("argument")?
        }
        "subscript_expression" => n.field("argument")?,
        _ => return None,
    };
    let base = strip_parens_casts(base);
    if base.node_kind() != "identifier" {
        return None;
    }
    let computes_only = ast::ancestor(n, &["sizeof_expression"]).is_some()
        || n.parent_node().is_some_and(|p| {
            p.node_kind() == "pointer_expression" && p.child(0).is_some_and(|o| o.node_kind() == "&")
        });
    (!computes_only).then(|| text(base, s))
}

/// The variables a condition tests: its identifiers, less those it only dereferences
/// (`cur->next != NULL` reads through `cur` before anything tests `cur`; `cur && cur->next`
/// tests it first).
fn tested_names<'t>(c: Node<'t>, s: &'t str) -> Vec<&'t str> {
    let mut seen: Vec<&'t str> = Vec::new();
    ast::preorder(c, |x| {
        if x.node_kind() != "identifier" || seen.contains(&text(x, s)) {
            return;
        }
        let only_deref = x
            .parent_node()
            .is_some_and(|p| p.field("argument") == Some(x) && dereferenced(p, s) == Some(text(x, s)));
        if !only_deref {
            seen.push(text(x, s));
        }
    });
    seen
}

/// The events of every variable of `func`, each in source order: one pass over the body.
fn events<'t>(
    func: &CFunction<'t>,
    null_returning: &HashSet<String>,
    s: &'t str,
) -> HashMap<&'t str, Vec<Event<'t>>> {
    let mut out: HashMap<&'t str, Vec<Event<'t>>> = HashMap::new();
    let mut push = |var: &'t str, e: Event<'t>| out.entry(var).or_default().push(e);
    let tested = |n: Node<'t>, push: &mut dyn FnMut(&'t str, Event<'t>)| {
        for v in tested_names(n, s) {
            push(v, Event::Tested(n));
        }
    };
    for &n in &func.nodes {
        match n.node_kind() {
            "init_declarator" => {
                let (Some(d), Some(v)) = (n.field("declarator"), n.field("value")) else {
                    continue;
                };
                if let Some(var) = declared(d, s) {
                    let null = is_null(v, s) || returns_null(v, null_returning, s);
                    push(var, if null { Event::Null(n) } else { Event::Assigned(n) });
                }
            }
            "assignment_expression" => {
                let (Some(l), Some(r)) = (n.field("left"), n.field("right")) else {
                    continue;
                };
                let l = strip_parens_casts(l);
                if l.node_kind() == "identifier" {
                    let plain = n.field("operator").is_some_and(|o| text(o, s) == "=");
                    let e = if plain && (is_null(r, s) || returns_null(r, null_returning, s)) {
                        Event::Null(n)
                    } else if plain {
                        Event::Assigned(n)
                    } else {
                        Event::Unknown
                    };
                    push(text(l, s), e);
                }
            }
            "pointer_expression" if n.child(0).is_some_and(|o| o.node_kind() == "&") => {
                if let Some(a) = n.field("argument").filter(|a| a.node_kind() == "identifier") {
                    let call = n
                        .parent_node()
                        .filter(|p| p.node_kind() == "argument_list")
                        .and_then(|p| p.parent_node())
                        .filter(|c| c.node_kind() == "call_expression");
                    let index = call.and_then(|c| call_args(c).iter().position(|x| *x == n));
                    match (call, index) {
                        (Some(c), Some(i)) => push(text(a, s), Event::AddressPassed(c, i)),
                        _ => push(text(a, s), Event::Unknown),
                    }
                }
            }
            "call_expression" => {
                for (i, a) in call_args(n).into_iter().enumerate() {
                    let a = strip_parens_casts(a);
                    if a.node_kind() == "identifier" {
                        push(text(a, s), Event::Passed(n, i));
                    }
                }
            }
            "if_statement" | "while_statement" | "do_statement" | "for_statement"
            | "conditional_expression" | "switch_statement" => {
                if let Some(c) = n.field("condition") {
                    tested(c, &mut push);
                }
            }
            "binary_expression" => {
                let logical = n
                    .field("operator")
                    .is_some_and(|o| matches!(text(o, s), "&&" | "||"));
                if let Some(l) = n.field("left").filter(|_| logical) {
                    tested(l, &mut push);
                }
            }
            _ => {
                if let Some(var) = dereferenced(n, s) {
                    push(var, Event::Deref(n));
                }
            }
        }
    }
    out
}

/// A call of a function of the file that returns NULL on every path (`static char
/// *source(void) { char *data = NULL; return data; }`).
fn returns_null(v: Node, null_returning: &HashSet<String>, s: &str) -> bool {
    let v = strip_parens_casts(v);
    v.node_kind() == "call_expression"
        && call_args(v).is_empty()
        && null_returning.contains(crate::c::model::call_name(v, s))
}

/// The functions of the file whose every `return` gives NULL: a literal, or a local set to
/// NULL and not assigned, passed or tested since. Parameterless functions only, so no
/// caller's argument can change what they return.
fn null_returning(ctx: &CContext) -> HashSet<String> {
    let s = ctx.src();
    let none = HashSet::new();
    let mut out = HashSet::new();
    for (func, _) in ctx.functions() {
        if !func.params.is_empty() {
            continue;
        }
        let returns: Vec<Node> = func
            .nodes
            .iter()
            .copied()
            .filter(|n| n.node_kind() == "return_statement")
            .collect();
        if returns.is_empty() {
            continue;
        }
        let mut all = events(func, &none, s);
        let null_at = |value: Node, all: &mut HashMap<&str, Vec<Event>>| {
            let value = strip_parens_casts(value);
            if is_null(value, s) {
                return true;
            }
            if value.node_kind() != "identifier" {
                return false;
            }
            let mut null = false;
            for e in all.get(text(value, s)).into_iter().flatten() {
                let at = match e {
                    Event::Null(n)
                    | Event::Deref(n)
                    | Event::Passed(n, _)
                    | Event::AddressPassed(n, _) => Some(n.start_byte()),
                    Event::Unknown | Event::Assigned(_) | Event::Tested(_) => None,
                };
                if at.is_some_and(|b| b >= value.start_byte()) {
                    break;
                }
                null = matches!(e, Event::Null(_));
                if matches!(e, Event::AddressPassed(..)) {
                    null = false;
                }
            }
            null
        };
        if returns
            .iter()
            .all(|r| r.named_child(0).is_some_and(|v| null_at(v, &mut all)))
        {
            out.insert(func.name.clone());
        }
    }
    out
}

/// The plain variable a declarator declares (`p`, `*p`), if it is one.
fn declared<'t>(d: Node<'t>, s: &'t str) -> Option<&'t str> {
    let mut d = d;
    while d.node_kind() == "pointer_declarator" {
        d = d.field("declarator")?;
    }
    (d.node_kind() == "identifier").then(|| text(d, s))
}

/// The NULL assignment's block leaves before reaching `later` (`p = NULL; return;`).
fn leaves_before(null: Node, later: Node, s: &str) -> bool {
    let Some(block) = ast::ancestor(null, &["compound_statement"]) else {
        return false;
    };
    if later.start_byte() < block.end_byte() {
        return false;
    }
    ast::preorder_any(block, |n| {
        if n.start_byte() <= null.end_byte() {
            return false;
        }
        match n.node_kind() {
            "return_statement" | "goto_statement" => true,
            // A `break` leaves its loop or `switch` and goes on after it: it skips `later`
            // only when `later` is inside that statement (`switch (6) { case 6: p = NULL;
            // break; } … *p` still reaches the dereference).
            "break_statement" | "continue_statement" => {
                let kinds: &[&str] = if n.node_kind() == "break_statement" {
                    &["for_statement", "while_statement", "do_statement", "switch_statement"]
                } else {
                    &["for_statement", "while_statement", "do_statement"]
                };
                ast::ancestor(n, kinds).is_none_or(|target| {
                    target.start_byte() <= later.start_byte() && later.end_byte() <= target.end_byte()
                })
            }
            _ => false,
        }
    }) || ast::preorder_any(block, |n| {
        n.start_byte() > null.end_byte()
            && n.node_kind() == "call_expression"
            && n
                .field("function")
                .is_some_and(|f| matches!(text(f, s), "exit" | "abort" | "_exit"))
    })
}

/// The first dereference of parameter `index` of `func`, before anything tests or
/// reassigns it.
/// A copy into a local first counts as the parameter (`node_t *cur = head; cur->next`).
fn param_deref<'t>(func: &CFunction<'t>, index: usize, s: &'t str) -> Option<Node<'t>> {
    let p = func.params.get(index).filter(|p| p.is_pointer)?;
    match events(func, &HashSet::new(), s)
        .remove(p.name.as_str())
        .and_then(|e| e.into_iter().next())
    {
        Some(Event::Deref(d)) => Some(d),
        _ => copied_then_dereferenced(func, &p.name, s),
    }
}

/// The first dereference of the pointer a callee reads through its parameter `index`
/// (`int **pp = (int **)vp; int *data = *pp; … *data`), when nothing stores through the
/// parameter first (`*pp = malloc(…)` would give the caller's pointer a value).
fn pointee_deref<'t>(func: &CFunction<'t>, index: usize, s: &'t str) -> Option<Node<'t>> {
    let p = func.params.get(index)?;
    let mut aliases: Vec<&str> = vec![p.name.as_str()];
    let mut local: Option<(&'t str, usize)> = None;
    for (k, &n) in func.nodes.iter().enumerate() {
        let (target, value) = match n.node_kind() {
            "init_declarator" => (n.field("declarator").and_then(|d| declared(d, s)), n.field("value")),
            "assignment_expression" => {
                let l = n.field("left")?;
                if l.node_kind() == "pointer_expression"
                    && l.field("argument").is_some_and(|a| aliases.contains(&text(strip_parens_casts(a), s)))
                {
                    return None;
                }
                ((l.node_kind() == "identifier").then(|| text(l, s)), n.field("right"))
            }
            _ => continue,
        };
        let (Some(target), Some(value)) = (target, value.map(strip_parens_casts)) else {
            continue;
        };
        if value.node_kind() == "identifier" && aliases.contains(&text(value, s)) {
            aliases.push(target);
        } else if value.node_kind() == "pointer_expression"
            && value.child(0).is_some_and(|o| o.node_kind() == "*")
            && value
                .field("argument")
                .is_some_and(|a| aliases.contains(&text(strip_parens_casts(a), s)))
        {
            local = Some((target, k));
            break;
        }
    }
    let (local, k) = local?;
    for &x in &func.nodes[k + 1..] {
        if changes_var(x, local, s) {
            return None;
        }
        if dereferenced(x, s) == Some(local) {
            return Some(x);
        }
    }
    None
}

pub fn check(ctx: &CContext, out: &mut Vec<Finding>) {
    let s = ctx.src();
    let null_returning = null_returning(ctx);
    for (func, _) in ctx.functions() {
        let mut all = events(func, &null_returning, s);
        let mut vars: Vec<&str> = all.keys().copied().collect();
        vars.sort_by_key(|v| {
            all[v].iter().find_map(|e| match e {
                Event::Deref(d)
                | Event::Null(d)
                | Event::Passed(d, _)
                | Event::AddressPassed(d, _) => Some(d.start_byte()),
                Event::Unknown | Event::Assigned(_) | Event::Tested(_) => None,
            })
        });
        for var in vars {
            let mut null: Option<Node> = None;
            // The end of an `if` whose `then` set the pointer to NULL and whose `else` gave it
            // a value: dereferences before it are in the `else`; after it NULL is one of the
            // values that reach.
            let mut merge: Option<Node> = None;
            for e in all.remove(var).unwrap_or_default() {
                match e {
                    Event::Null(n) => {
                        null = Some(n);
                        merge = None;
                    }
                    Event::Unknown => null = None,
                    // A test inside the branch that gave the pointer a value says nothing of
                    // the path that kept NULL.
                    Event::Tested(c) => {
                        if !merge.is_some_and(|st| ast::contains(st, c)) {
                            null = None;
                            merge = None;
                        }
                    }
                    Event::Assigned(a) => {
                        merge = null.and_then(|n| other_branch(n, a, var, s));
                        if merge.is_none() {
                            null = None;
                        }
                    }
                    Event::AddressPassed(call, i) => {
                        merge = None;
                        // The callee reads the NULL through the address before setting it.
                        let callee = ctx.model.call_name(call);
                        let target = ctx.functions().find(|(f, _)| {
                            f.name == callee || f.name == unqualified(callee)
                        });
                        if let (Some(n), Some(d)) = (
                            null.filter(|n| !leaves_before(*n, call, s)),
                            target.and_then(|(f, _)| pointee_deref(f, i, s)),
                        ) {
                            out.push(ctx.finding(
                                &META,
                                d,
                                format!(
                                    "`{}` is dereferenced here without a NULL check, and `{}` (line {}) passes the address of `{var}`, NULL since line {}.",
                                    ctx.text(strip_parens_casts(d.field("argument").unwrap_or(d))),
                                    ctx.text(call),
                                    ctx.line(call),
                                    ctx.line(n)
                                ),
                            ));
                        }
                        null = None;
                    }
                    Event::Deref(d) => {
                        if let Some(st) = merge {
                            if d.start_byte() < st.end_byte() || !unconditional_after(d, st) {
                                continue;
                            }
                        }
                        if let Some(n) = null.take() {
                            if !leaves_before(n, d, s) {
                                out.push(ctx.finding(
                                    &META,
                                    d,
                                    format!(
                                        "`{var}` is dereferenced here, and it is NULL: set on line {} and not assigned since.",
                                        ctx.line(n)
                                    ),
                                ));
                            }
                        }
                    }
                    Event::Passed(call, i) => {
                        if merge.is_some() {
                            continue;
                        }
                        let Some(n) = null else { continue };
                        if leaves_before(n, call, s) {
                            continue;
                        }
                        let callee = ctx.model.call_name(call);
                        if crate::c::concepts::dereferences_arg(callee, i) {
                            let arg = call_args(call)[i];
                            out.push(ctx.finding(
                                &META,
                                arg,
                                format!(
                                    "`{callee}` reads through `{var}`, and it is NULL: set on line {} and not assigned since.",
                                    ctx.line(n)
                                ),
                            ));
                            null = None;
                            continue;
                        }
                        let target = ctx.functions().find(|(f, _)| {
                            f.name == callee || f.name == unqualified(callee)
                        });
                        if let Some(d) = target.and_then(|(f, _)| param_deref(f, i, s)) {
                            out.push(passed_null(ctx, d, call));
                            null = None;
                        }
                    }
                }
            }
        }
    }
    if !ctx.model.members.is_empty() {
        null_member_deref(ctx, &null_returning, out);
    }
    for (func, _) in ctx.functions() {
        null_after_test(ctx, func, out);
        non_short_circuit(ctx, func, out);
        null_global_to_callee(ctx, func, &null_returning, out);
        null_literal_to_callee(ctx, func, out);
    }
}

/// The class a method belongs to: the class it is defined in, or the scope of its
/// qualified name (`Store::get`).
fn class_of<'t>(func: &CFunction<'t>, s: &'t str) -> Option<&'t str> {
    if let Some(c) = std::iter::successors(func.node.parent_node(), |a| a.parent_node())
        .find(|a| matches!(a.node_kind(), "class_specifier" | "struct_specifier"))
    {
        return c.field("name").map(|n| text(n, s));
    }
    let mut d = func.node.field("declarator")?;
    while d.node_kind() != "function_declarator" {
        d = d.field("declarator")?;
    }
    let q = d.field("declarator").filter(|q| q.node_kind() == "qualified_identifier")?;
    q.field("scope").map(|n| text(n, s))
}

/// C++: a data member every constructor of its class sets to NULL (`: item(nullptr)` or
/// `item = NULL;` in the body), given a value in other methods only conditionally (`if
/// (really) item = new Item{5};`), and dereferenced by a method before any test of it
/// (`return item->value;`): the object can reach that method with the member still NULL.
fn null_member_deref(ctx: &CContext, null_returning: &HashSet<String>, out: &mut Vec<Finding>) {
    let s = ctx.src();
    let methods: Vec<(&CFunction, &str)> = ctx
        .model
        .functions
        .iter()
        .filter(|f| f.is_method)
        .filter_map(|f| class_of(f, s).map(|c| (f, c)))
        .collect();
    let is_ctor = |f: &CFunction, class: &str| unqualified(&f.name) == class;
    // (class, member) → every constructor of the class set it to NULL.
    let mut nulls: Vec<(&str, String)> = Vec::new();
    let mut not_null: Vec<(&str, String)> = Vec::new();
    for &(f, class) in methods.iter().filter(|(f, c)| is_ctor(f, c)) {
        let mut set: Vec<String> = Vec::new();
        let lists = ast::named_children(f.node)
            .into_iter()
            .filter(|c| c.node_kind() == "field_initializer_list");
        for list in lists {
            for init in ast::named_children(list) {
                let (Some(field), Some(args)) = (init.named_child(0), init.named_child(1)) else {
                    continue;
                };
                if args.named_child(0).is_some_and(|v| is_null(v, s)) {
                    set.push(text(field, s).to_string());
                }
            }
        }
        for &n in &f.nodes {
            if n.node_kind() == "assignment_expression" {
                if let (Some(l), Some(r)) = (n.field("left"), n.field("right")) {
                    if is_null(r, s) {
                        set.push(text(l, s).trim_start_matches("this->").to_string());
                    }
                }
            }
        }
        for m in ctx.model.members.iter() {
            if set.contains(m) {
                nulls.push((class, m.clone()));
            } else {
                not_null.push((class, m.clone()));
            }
        }
    }
    nulls.retain(|x| !not_null.contains(x));
    for (class, member) in nulls {
        // Given a value unconditionally by some method (`init()` the class expects callers
        // to run first): the object's protocol, not a flaw this rule can prove.
        let set_always = methods.iter().any(|&(f, c)| {
            c == class
                && !is_ctor(f, c)
                && f.nodes.iter().any(|&n| {
                    n.node_kind() == "assignment_expression"
                        && n.field("left").is_some_and(|l| {
                            text(l, s).trim_start_matches("this->") == member
                        })
                        && n.field("right").is_some_and(|r| !is_null(r, s))
                        && !crate::c::taint::is_conditional(n, f.body)
                })
        });
        if set_always {
            continue;
        }
        for &(f, c) in &methods {
            if c != class || is_ctor(f, c) || f.declared_type(s, &member).is_some() {
                continue;
            }
            let first = events(f, null_returning, s)
                .remove(member.as_str())
                .and_then(|e| e.into_iter().next());
            if let Some(Event::Deref(d)) = first {
                out.push(ctx.finding(
                    &META,
                    d,
                    format!(
                        "`{member}` is dereferenced here without a NULL check; the constructor of `{class}` sets it to NULL and no method gives it a value on every path."
                    ),
                ));
                break;
            }
        }
    }
}

/// The finding at the callee's dereference `d` of a NULL that `call` passes in.
fn passed_null(ctx: &CContext, d: Node, call: Node) -> Finding {
    ctx.finding(
        &META,
        d,
        format!(
            "`{}` is dereferenced here without a NULL check, and `{}` (line {}) passes NULL for it.",
            ctx.text(strip_parens_casts(d.field("argument").unwrap_or(d))),
            ctx.text(call),
            ctx.line(call)
        ),
    )
}

/// `last_value(NULL)` where the file's `last_value` dereferences that parameter (or a copy
/// of it) before testing it.
fn null_literal_to_callee(ctx: &CContext, func: &CFunction, out: &mut Vec<Finding>) {
    let s = ctx.src();
    for &(call, name) in &func.calls {
        let Some(target) = ctx
            .model
            .function_named(name)
            .or_else(|| ctx.model.function_named(unqualified(name)))
        else {
            continue;
        };
        for (i, a) in call_args(call).into_iter().enumerate() {
            if !is_null(a, s) {
                continue;
            }
            if let Some(d) = param_deref(target, i, s) {
                out.push(passed_null(ctx, d, call));
            }
        }
    }
}

/// The `if` statement whose `then` branch holds the NULL assignment `null` and whose `else`
/// branch (or an `else if` inside it) holds the assignment `set`.
/// Or the `if` after the NULL assignment whose one branch holds `set` while its other
/// branch (or the missing `else`) neither assigns `var` nor leaves: `p = NULL; if (flag) p =
/// malloc(4); *p` reaches the dereference with NULL when `flag` is false.
fn other_branch<'t>(null: Node<'t>, set: Node<'t>, var: &str, s: &str) -> Option<Node<'t>> {
    let mut at = null;
    while let Some(st) = ast::ancestor(at, &["if_statement"]) {
        let then = st.field("consequence")?;
        if ast::contains(then, null)
            && st.field("alternative").is_some_and(|e| ast::contains(e, set))
        {
            return Some(st);
        }
        at = st;
    }
    let st = ast::ancestor(set, &["if_statement"])?;
    if st.start_byte() < null.end_byte() {
        return None;
    }
    let (then, alt) = (st.field("consequence")?, st.field("alternative"));
    let other = if ast::contains(then, set) {
        alt
    } else if alt.is_some_and(|e| ast::contains(e, set)) {
        Some(then)
    } else {
        None
    };
    let quiet = other.is_none_or(|o| {
        !ast::preorder_any(o, |x| {
            matches!(
                x.node_kind(),
                "return_statement" | "goto_statement" | "break_statement" | "continue_statement"
            ) || changes_var(x, var, s)
                || (x.node_kind() == "call_expression"
                    && x.field("function").is_some_and(|f| {
                        crate::c::concepts::ends_path(text(f, s))
                    }))
        })
    });
    // Only an `if` directly in the NULL's own block sequence: one inside a loop may run
    // many times and is the loop's business.
    let same_block = ast::ancestor(st, &["compound_statement"])
        == ast::ancestor(null, &["compound_statement"]);
    (quiet && same_block).then_some(st)
}

/// `d` runs whenever the code after `st` runs: every branch or loop around `d` also
/// encloses `st` (`if (n) p[0] = 1;` after `if (!n) p = NULL; else p = malloc(n);` is
/// guarded by the same condition, not a flaw).
fn unconditional_after(d: Node, st: Node) -> bool {
    let kinds = [
        "if_statement",
        "for_statement",
        "while_statement",
        "do_statement",
        "switch_statement",
        "conditional_expression",
        "case_statement",
    ];
    let mut at = d;
    while let Some(c) = ast::ancestor(at, &kinds) {
        if !ast::contains(c, st) {
            return false;
        }
        at = c;
    }
    true
}

/// `n` gives `var` a value, takes its address, or tests it: what `var` holds is no longer
/// known after it.
fn changes_var(n: Node, var: &str, s: &str) -> bool {
    match n.node_kind() {
        "assignment_expression" => n
            .field("left")
            .is_some_and(|l| text(strip_parens_casts(l), s) == var),
        "init_declarator" => n.field("declarator").and_then(|d| declared(d, s)) == Some(var),
        "pointer_expression" => {
            n.child(0).is_some_and(|o| o.node_kind() == "&")
                && n.field("argument").is_some_and(|a| text(a, s) == var)
        }
        "if_statement" | "while_statement" | "for_statement" | "do_statement"
        | "conditional_expression" | "switch_statement" => n
            .field("condition")
            .is_some_and(|c| tested_names(c, s).contains(&var)),
        "binary_expression" => {
            n.field("operator").is_some_and(|o| matches!(text(o, s), "&&" | "||"))
                && tested_names(n, s).contains(&var)
        }
        _ => false,
    }
}

/// `g_data = NULL; sink();` where `g_data` is a file-scope pointer and `sink` (a function of
/// the file) dereferences it before giving it a value or testing it.
fn null_global_to_callee(
    ctx: &CContext,
    func: &CFunction,
    null_returning: &HashSet<String>,
    out: &mut Vec<Finding>,
) {
    let s = ctx.src();
    for &n in &func.nodes {
        if n.node_kind() != "assignment_expression"
            || n.field("operator").is_none_or(|o| text(o, s) != "=")
        {
            continue;
        }
        let (Some(l), Some(r)) = (n.field("left"), n.field("right")) else {
            continue;
        };
        let var = text(strip_parens_casts(l), s);
        // NULL itself, or a local last set to it (`data = NULL; g_data = data;`).
        let r_plain = strip_parens_casts(r);
        let null_value = is_null(r, s)
            || (r_plain.node_kind() == "identifier"
                && crate::c::storage::last_value(func, text(r_plain, s), n.start_byte(), s)
                    .is_some_and(|v| is_null(v, s)));
        if !null_value
            || !ctx.model.file_scope.iter().any(|g| g == var)
            || func.declared_type(s, var).is_some()
        {
            continue;
        }
        for &x in func.nodes.iter().filter(|x| x.start_byte() > n.end_byte()) {
            if changes_var(x, var, s) {
                break;
            }
            if x.node_kind() != "call_expression" {
                continue;
            }
            let callee = ctx.model.call_name(x);
            let Some(target) = ctx.model.function_named(callee).filter(|f| f.name != func.name)
            else {
                continue;
            };
            if target.declared_type(s, var).is_some() {
                continue;
            }
            let first = events(target, null_returning, s)
                .remove(var)
                .and_then(|e| e.into_iter().next());
            let deref = match first {
                Some(Event::Deref(d)) => Some(d),
                // Copied into a local first (`pair_t *data = g_data; data->a`).
                _ => copied_then_dereferenced(target, var, s),
            };
            if let Some(d) = deref {
                out.push(ctx.finding(
                    &META,
                    d,
                    format!(
                        "`{var}` is dereferenced here without a NULL check, and `{}` (line {}) calls this function right after setting it to NULL (line {}).",
                        func.name,
                        ctx.line(x),
                        ctx.line(n)
                    ),
                ));
                break;
            }
        }
    }
}

/// `T *x = var;` (or `x = var;`) as the function's first use of `var`, then `x`
/// dereferenced before anything changes or tests it: that dereference.
fn copied_then_dereferenced<'t>(func: &CFunction<'t>, var: &str, s: &'t str) -> Option<Node<'t>> {
    let first_use = func
        .nodes
        .iter()
        .position(|&x| x.node_kind() == "identifier" && text(x, s) == var)?;
    let use_ = func.nodes[first_use];
    let holder = use_.parent_node()?;
    let local = match holder.node_kind() {
        "init_declarator" if holder.field("value") == Some(use_) => {
            declared(holder.field("declarator")?, s)?
        }
        "assignment_expression" if holder.field("right") == Some(use_) => {
            let l = holder.field("left")?;
            (l.node_kind() == "identifier").then(|| text(l, s))?
        }
        _ => return None,
    };
    for &x in &func.nodes[first_use + 1..] {
        if changes_var(x, local, s) {
            return None;
        }
        if dereferenced(x, s) == Some(local) {
            return Some(x);
        }
    }
    None
}

/// The pointer `cond` tests for NULL (`p == NULL`, `NULL == p`, `!p`, `p == 0`), and whether
/// the test is true when it is NULL (`p != NULL` and a bare `p` are false then).
fn null_test<'t>(cond: Node<'t>, s: &'t str) -> Option<(&'t str, bool)> {
    let c = strip_parens_casts(cond);
    match c.node_kind() {
        "identifier" => Some((text(c, s), false)),
        "unary_expression" if c.child(0).is_some_and(|o| o.node_kind() == "!") => {
            let a = strip_parens_casts(c.field("argument")?);
            (a.node_kind() == "identifier").then(|| (text(a, s), true))
        }
        "binary_expression" => {
            let op = text(c.field("operator")?, s);
            let (l, r) = (strip_parens_casts(c.field("left")?), strip_parens_casts(c.field("right")?));
            let var = match (l.node_kind() == "identifier" && is_null(r, s), is_null(l, s)) {
                (true, _) => l,
                (false, true) if r.node_kind() == "identifier" => r,
                _ => return None,
            };
            match op {
                "==" => Some((text(var, s), true)),
                "!=" => Some((text(var, s), false)),
                _ => None,
            }
        }
        _ => None,
    }
}

/// `if (p == NULL) { log("missing"); }` and then `*p`: the branch taken when `p` is NULL
/// neither leaves nor gives `p` a value, so the dereference after it (or inside it) reads
/// NULL on that path. A later assignment, `&p`, or another test of `p` ends the search.
fn null_after_test(ctx: &CContext, func: &CFunction, out: &mut Vec<Finding>) {
    let s = ctx.src();
    for &st in &func.nodes {
        if st.node_kind() != "if_statement" {
            continue;
        }
        let (Some(cond), Some(then)) = (st.field("condition"), st.field("consequence")) else {
            continue;
        };
        let Some((var, true)) = null_test(cond, s) else {
            continue;
        };
        let leaves = ast::preorder_any(then, |n| {
            matches!(
                n.node_kind(),
                "return_statement" | "goto_statement" | "break_statement" | "continue_statement"
            ) || (n.node_kind() == "call_expression"
                && crate::c::concepts::ends_path(ctx.model.call_name(n)))
        });
        if leaves {
            continue;
        }
        for &n in func.nodes.iter().filter(|n| n.start_byte() >= cond.end_byte()) {
            let changes = changes_var(n, var, s);
            if changes {
                break;
            }
            if dereferenced(n, s) == Some(var) {
                let inside = ast::contains(then, n);
                out.push(ctx.finding(
                    &META,
                    n,
                    if inside {
                        format!("`{var}` is dereferenced in the branch taken when it is NULL (line {}).", ctx.line(cond))
                    } else {
                        format!(
                            "`{var}` is dereferenced after the test on line {} found it NULL and carried on: that branch neither leaves nor gives it a value.",
                            ctx.line(cond)
                        )
                    },
                ));
                break;
            }
        }
    }
}

/// `(p != NULL) & (p->x == 5)`: `&` and `|` evaluate both sides, so the dereference runs
/// whatever the NULL test said (`&&`/`||` was meant).
fn non_short_circuit(ctx: &CContext, func: &CFunction, out: &mut Vec<Finding>) {
    let s = ctx.src();
    for &n in &func.nodes {
        if n.node_kind() != "binary_expression"
            || !n.field("operator").is_some_and(|o| matches!(text(o, s), "&" | "|"))
        {
            continue;
        }
        let (Some(l), Some(r)) = (n.field("left"), n.field("right")) else {
            continue;
        };
        let Some((var, _)) = null_test(l, s).filter(|(_, _)| {
            let l = strip_parens_casts(l);
            l.node_kind() != "identifier"
        }) else {
            continue;
        };
        let deref = func
            .nodes
            .iter()
            .copied()
            .find(|x| ast::contains(r, *x) && dereferenced(*x, s) == Some(var));
        if let Some(d) = deref {
            let op = text(n.field("operator").unwrap_or(n), s);
            out.push(ctx.finding(
                &META,
                d,
                format!(
                    "`{var}` is dereferenced on the right of `{op}`, which evaluates both sides: the NULL test on its left does not guard it (`{op}{op}` was meant)."
                ),
            ));
        }
    }
}
