//! ## CWE-476: unchecked NULL return dereferenced (`c/missing-null-check`)
//!
//! ### What it does
//! Finds pointers assigned from functions that return NULL on failure
//! (`malloc`, `calloc`, `realloc`, `strdup`, `fopen`, `getenv`, `strchr`,
//! `crypt`, kernel/FFmpeg allocators and lookups such as
//! `platform_get_resource` and `of_find_*`, and functions named `*_alloc`,
//! `*_new`, `*_create`, `*dup`, `*lookup*`, `*find*`) — into a variable or a
//! struct field — that are then dereferenced (`p->f`, `*p`, `p[i]`, or
//! passed to a function that reads through them) before any condition tests
//! them; and such calls passed straight to a function that reads through its
//! argument (`strcmp(hash, crypt(pw, salt))`).
//!
//! ### Why is this bad?
//! When memory runs out or the lookup fails, the program dereferences
//! NULL: a crash at best, and in the kernel or with large offsets an
//! exploitable write.
//!
//! ### Example
//! ```c
//! char *copy = malloc(len + 1);
//! memcpy(copy, src, len);
//! ```
//!
//! ### Use instead
//! ```c
//! char *copy = malloc(len + 1);
//! if (copy == NULL) return -1;
//! memcpy(copy, src, len);
//! ```
//!
//! ### References
//! - MITRE, CWE-476: <https://cwe.mitre.org/data/definitions/476.html>

use super::CContext;
use crate::ast::NodeExt;
use crate::ast::{self, text};
use crate::c::concepts::returns_nullable;
use crate::c::model::CFunction;
use crate::c::model::{call_args, call_name, declarator_name, squeezed, strip_parens_casts};
use crate::finding::{Finding, Fix, RuleMeta, Severity};
use crate::source::Language;
use tree_sitter::Node;

pub static META: RuleMeta = RuleMeta {
    id: "c/missing-null-check",
    cwe: crate::Cwe::new(476),
    name: "Returned pointer not checked",
    language: Language::C,
    severity: Severity::High,
    summary: "A pointer that may be NULL is dereferenced without a check.",
};

/// Functions that dereference their pointer arguments.
const DEREFS_ARGS: &[&str] = &[
    "strcpy", "strncpy", "strcat", "strncat", "strlen", "strcmp", "strncmp", "memcpy", "memmove",
    "memset", "sprintf", "snprintf", "fprintf", "fputs", "fgets", "fread", "fwrite", "fscanf",
    "fclose", "fseek", "ftell", "rewind", "fflush", "fgetc", "fputc", "getline", "strtok", "atoi",
    "atol", "strtol", "puts", "sscanf", "strchr", "strstr", "readdir", "closedir", "printf",
];

fn nullable_call(name: &str) -> bool {
    if returns_nullable(name) {
        return true;
    }
    // C++: `dynamic_cast<Derived *>(b)` is NULL when `b` is not a `Derived`.
    if let Some(target) = name.strip_prefix("dynamic_cast<") {
        return target.trim_end_matches('>').trim_end().ends_with('*');
    }
    let n = name.to_ascii_lowercase();
    // g_malloc/xmalloc abort instead of returning NULL.
    if n.starts_with("g_") || n.starts_with("x") && n.ends_with("alloc") {
        return false;
    }
    n.ends_with("_alloc")
        || n.ends_with("_new")
        || n.ends_with("_create")
        || n.ends_with("dup")
        || n.contains("lookup")
        || n.contains("_find")
        || n.starts_with("find_")
}

/// (function of this file, parameter index) pairs the function reads through before any
/// test of the parameter: a call passing a pointer there dereferences it as `strlen` would.
type DerefParams = std::collections::HashSet<(String, usize)>;

/// First dereference of `var` in `body` after byte `after`.
fn first_deref<'t>(
    nodes: &[Node<'t>],
    var: &str,
    after: usize,
    s: &str,
    own: &DerefParams,
) -> Option<Node<'t>> {
    nodes.iter().copied().filter(|n| n.start_byte() >= after).find(|&n| {
        match n.node_kind() {
            "field_expression" => {
                n.child(1).is_some_and(|o| o.node_kind() == "->")
                    && n.field("argument")
                        .is_some_and(|a| squeezed(text(a, s)) == var)
            }
            "pointer_expression" => {
                n.child(0).is_some_and(|o| o.node_kind() == "*")
                    && n.field("argument")
                        .is_some_and(|a| squeezed(text(a, s)) == var)
            }
            "subscript_expression" => n
                .field("argument")
                .is_some_and(|a| squeezed(text(a, s)) == var),
            "call_expression" => {
                let name = call_name(n, s);
                call_args(n).iter().enumerate().any(|(i, a)| {
                    squeezed(text(*a, s)) == var
                        && (DEREFS_ARGS.contains(&name) || own.contains(&(name.to_string(), i)))
                })
            }
            _ => false,
        }
    })
}

/// The file's functions that read through a pointer parameter before testing it (found
/// twice round, so a wrapper of such a function is one too).
fn deref_params(ctx: &CContext) -> DerefParams {
    let s = ctx.src();
    let mut found = DerefParams::new();
    for _ in 0..2 {
        for func in &ctx.model.functions {
            for (i, p) in func.params.iter().enumerate() {
                if !p.is_pointer || found.contains(&(func.name.clone(), i)) {
                    continue;
                }
                let Some(d) = first_deref(&func.nodes, &p.name, 0, s, &found) else {
                    continue;
                };
                if !func.tested_before(&p.name, d.start_byte()) {
                    found.insert((func.name.clone(), i));
                }
            }
        }
    }
    found
}

/// `p = …` or `T *p = …`: the variable (or field, as written) and the value it is given.
fn assigned<'t>(n: Node<'t>, s: &str) -> Option<(String, Node<'t>)> {
    let (target, value) = match n.node_kind() {
        "init_declarator" => (
            n.field("declarator").and_then(|d| declarator_name(d, s)),
            n.field("value"),
        ),
        "assignment_expression" => (
            n.field("left")
                .filter(|l| matches!(l.node_kind(), "identifier" | "field_expression"))
                .map(|l| squeezed(text(l, s))),
            n.field("right"),
        ),
        _ => return None,
    };
    Some((target?, value?))
}

/// Functions of this file that can return NULL to their callers: they return `NULL`, a
/// nullable call's result, or a variable holding one that no condition of theirs tests.
/// Wrappers of wrappers are found by going round twice.
fn nullable_returners(ctx: &CContext) -> std::collections::HashSet<String> {
    let s = ctx.src();
    let mut found = std::collections::HashSet::new();
    for _ in 0..2 {
        for func in &ctx.model.functions {
            if found.contains(&func.name) {
                continue;
            }
            let nullable = |name: &str| nullable_call(name) || found.contains(name);
            let mut held: Vec<String> = Vec::new();
            for &n in &func.nodes {
                if let Some((t, v)) = assigned(n, s) {
                    let v = strip_parens_casts(v);
                    if v.node_kind() == "call_expression" && nullable(ctx.model.call_name(v)) {
                        held.push(t);
                    }
                }
            }
            let returns_null = func.nodes.iter().any(|&n| {
                if n.node_kind() != "return_statement" {
                    return false;
                }
                let Some(v) = n.named_child(0).map(strip_parens_casts) else {
                    return false;
                };
                match v.node_kind() {
                    "null" => true,
                    "identifier" if text(v, s) == "NULL" => true,
                    "identifier" => {
                        let var = text(v, s);
                        held.iter().any(|h| h == var)
                            && !func
                                .conditions
                                .iter()
                                .any(|(_, ids)| ids.iter().any(|i| i == var))
                    }
                    "call_expression" => nullable(ctx.model.call_name(v)),
                    _ => false,
                }
            });
            if returns_null {
                found.insert(func.name.clone());
            }
        }
    }
    found
}

pub fn check(ctx: &CContext, out: &mut Vec<Finding>) {
    let s = ctx.src();
    let returners = nullable_returners(ctx);
    let own = deref_params(ctx);
    let file_scope = &ctx.model.file_scope;
    for (func, _) in ctx.functions() {
        let mut assignments: Vec<(String, Node, String)> = Vec::new();
        func.preorder(|n| {
            let Some((target, value)) = assigned(n, s) else {
                return;
            };
            let value = crate::c::model::strip_all_casts(value, s);
            if value.node_kind() == "call_expression" {
                let name = ctx.model.call_name(value).to_string();
                if nullable_call(&name) || returners.contains(&name) {
                    assignments.push((target, n, name));
                }
            }
            // C++: `new (std::nothrow) T` returns NULL instead of throwing.
            else if value.node_kind() == "new_expression"
                && value.field("placement").is_some_and(|p| ctx.text(p).contains("nothrow"))
            {
                assignments.push((target, n, "new (std::nothrow)".to_string()));
            }
        });
        nested_uses(ctx, func.body, out);
        for (var, assign, callee) in assignments {
            let after = assign.end_byte();
            let tested_from = |p: usize| {
                func.conditions.iter().any(|(at, ids)| {
                    *at >= assign.start_byte().saturating_sub(8)
                        && *at <= p
                        && ids.iter().any(|i| i == &var)
                })
            };
            let Some(deref) = first_deref(&func.nodes, &var, after, s, &own) else {
                // A file-scope pointer filled here and read through in another function
                // (`counts = malloc(…)` in setup(), `counts[0] = 1` in bump()).
                let declared_here = func.declared_type(s, &var).is_some();
                // A test anywhere in the file (`if (!logf) return 1;` in main) may guard it.
                let tested_somewhere = ctx.model.functions.iter().any(|f| {
                    f.conditions
                        .iter()
                        .any(|(_, ids)| ids.iter().any(|i| i == &var))
                });
                if declared_here
                    || tested_somewhere
                    || !file_scope.contains(&var)
                    || tested_from(func.body.end_byte())
                    || enclosing_condition_tests(assign, &var, s)
                {
                    continue;
                }
                for other in ctx.model.functions.iter().filter(|o| o.name != func.name) {
                    if other.declared_type(s, &var).is_some() {
                        continue;
                    }
                    if let Some(d) = first_deref(&other.nodes, &var, 0, s, &own) {
                        if !other.tested_before(&var, d.start_byte()) {
                            out.push(ctx.finding(
                                &META,
                                d,
                                format!(
                                    "`{var}` comes from `{callee}` in `{}`, which can return NULL, and is dereferenced here without a check.",
                                    func.name
                                ),
                            ));
                        }
                    }
                }
                continue;
            };
            // Checked between the assignment (inclusive: `if (!(p = malloc()))`) and the use;
            // the condition the use itself sits in (`while (fgets(line, n, f))`) reads `f`,
            // it does not test it.
            let own_condition = condition_holding(deref);
            let checked = func.conditions.iter().any(|(at, ids)| {
                *at >= assign.start_byte().saturating_sub(8)
                    && *at <= deref.start_byte()
                    && Some(*at) != own_condition
                    && ids.iter().any(|i| i == &var)
            }) || enclosing_condition_tests(assign, &var, s);
            if checked {
                continue;
            }
            let mut f = ctx.finding(
                &META,
                deref,
                format!("`{var}` comes from `{callee}`, which can return NULL, and is dereferenced without a check."),
            );
            f.fix = check_after(ctx, func, assign, &var);
            out.push(f);
        }
    }
}

/// `if ((p = malloc(n)) == NULL)`: the assignment sits inside a condition.
/// The start of the `if`/`while`/`for` condition `n` is part of, if any.
fn condition_holding(n: Node) -> Option<usize> {
    let mut cur = n;
    while let Some(p) = cur.parent_node() {
        if p.field("condition") == Some(cur) {
            return Some(cur.start_byte());
        }
        if is_statement(p.node_kind()) {
            return None;
        }
        cur = p;
    }
    None
}

fn is_statement(kind: &str) -> bool {
    kind.ends_with("_statement") || kind == "compound_statement" || kind == "declaration"
}

fn enclosing_condition_tests(assign: Node, var: &str, s: &str) -> bool {
    let mut cur = assign.parent_node();
    while let Some(p) = cur {
        match p.node_kind() {
            "if_statement" | "while_statement" => {
                return p
                    .field("condition")
                    .is_some_and(|c| ast::contains(c, assign) && text(c, s).contains(var));
            }
            "expression_statement" | "compound_statement" | "declaration" => return false,
            _ => cur = p.parent_node(),
        }
    }
    false
}

/// A nullable call's result handed straight to a function that reads through it:
/// `strcmp(hash, crypt(pw, salt))`, `strlen(getenv("HOME"))`.
fn nested_uses(ctx: &CContext, body: Node, out: &mut Vec<Finding>) {
    ast::preorder(body, |n| {
        if n.node_kind() != "call_expression" || !DEREFS_ARGS.contains(&ctx.model.call_name(n)) {
            return;
        }
        for arg in call_args(n) {
            let mut inner = arg;
            while inner.node_kind() == "cast_expression"
                || inner.node_kind() == "parenthesized_expression"
            {
                match inner.named_child((inner.named_child_count() as u32).saturating_sub(1)) {
                    Some(v) => inner = v,
                    None => break,
                }
            }
            if inner.node_kind() != "call_expression" {
                continue;
            }
            let callee = ctx.model.call_name(inner);
            if returns_nullable(callee) {
                out.push(ctx.finding(
                    &META,
                    inner,
                    format!(
                        "`{callee}` can return NULL, and its result goes straight to `{}`, which reads through it.",
                        ctx.model.call_name(n)
                    ),
                ));
            }
        }
    });
}

/// `if (p == NULL) { return …; }` right after the statement that assigns `p`, leaving the
/// function the way its return type reports failure.
fn check_after(ctx: &CContext, func: &CFunction, assign: Node, var: &str) -> Option<Fix> {
    let stmt = ctx.statement_of(assign)?;
    if !matches!(stmt.node_kind(), "declaration" | "expression_statement") {
        return None;
    }
    let bail = ctx.failure_return(func)?;
    let edit = ctx.insert_after(stmt, &format!("if ({var} == NULL) {{\n    {bail}\n}}"))?;
    ctx.fix("Check for NULL before use", vec![edit])
}
