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
            // A call through the pointer itself (`handler_t h = pick(…); h(0);`).
            "call_expression"
                if n
                    .field("function")
                    .is_some_and(|f| f.node_kind() == "identifier" && text(f, s) == var) =>
            {
                true
            }
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
                    // `return it == end ? nullptr : it->second;`
                    "conditional_expression" => [v.field("consequence"), v.field("alternative")]
                        .into_iter()
                        .flatten()
                        .map(strip_parens_casts)
                        .any(|x| x.node_kind() == "null" || text(x, s) == "NULL"),
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
    let tested_in = tested_in(ctx);
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
        called_then_dereferenced(ctx, func, &returners, out);
        for (var, assign, callee) in assignments {
            let after = assign.end_byte();
            let Some(deref) = first_deref(&func.nodes, &var, after, s, &own) else {
                global_used_elsewhere(ctx, func, (&own, &tested_in), (assign, &var, &callee), out);
                returned_field_used(ctx, func, &own, (assign, &var, &callee), out);
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
                // Guarded here (`if (cfg != NULL) cfg->level = 1;`); other functions may not be.
                global_used_elsewhere(ctx, func, (&own, &tested_in), (assign, &var, &callee), out);
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

/// The functions whose conditions mention each file-scope name (collected once: a global's
/// test anywhere may guard its uses).
type TestedIn<'a> = std::collections::HashMap<&'a str, Vec<&'a str>>;

fn tested_in<'a>(ctx: &'a CContext) -> TestedIn<'a> {
    let globals: std::collections::HashSet<&str> =
        ctx.model.file_scope.iter().map(String::as_str).collect();
    let mut map: TestedIn = std::collections::HashMap::new();
    for f in &ctx.model.functions {
        for (_, ids) in &f.conditions {
            for i in ids {
                if let Some(&g) = globals.get(i.as_str()) {
                    let e = map.entry(g).or_default();
                    if e.last() != Some(&f.name.as_str()) {
                        e.push(f.name.as_str());
                    }
                }
            }
        }
    }
    map
}

/// A file-scope pointer filled from a call that can return NULL (`counts = malloc(…)` in
/// setup()) and read through in another function of the file (`counts[0] = 1` in bump())
/// that never tests it.
fn global_used_elsewhere(
    ctx: &CContext,
    func: &CFunction,
    (own, tested_in): (&DerefParams, &TestedIn),
    (assign, var, callee): (Node, &str, &str),
    out: &mut Vec<Finding>,
) {
    let s = ctx.src();
    let after = assign.end_byte();
    if func.declared_type(s, var).is_some() || !ctx.model.file_scope.iter().any(|g| g == var) {
        return;
    }
    // A test in this function for NULL (`if (!cfg) exit(1)`) guards the rest of the
    // program; a test for a value (`if (cfg != NULL) cfg->level = 1;`) only its own branch.
    let tested_here = func
        .conditions
        .iter()
        .any(|(at, ids)| *at >= assign.start_byte().saturating_sub(8) && ids.iter().any(|i| i == var))
        && (!only_value_tests(func, var, after, s)
            || func.nodes.iter().any(|n| {
                n.start_byte() > after
                    && n.node_kind() == "call_expression"
                    && matches!(call_name(*n, s), "exit" | "abort" | "_exit")
            }));
    if tested_here || enclosing_condition_tests(assign, var, s) {
        return;
    }
    // A test in another function (`if (!logf) return 1;` in main) may guard it.
    let tested_elsewhere = tested_in
        .get(var)
        .is_some_and(|fs| fs.iter().any(|f| *f != func.name));
    if tested_elsewhere {
        return;
    }
    for other in ctx.model.functions.iter().filter(|o| o.name != func.name) {
        if other.declared_type(s, var).is_some() {
            continue;
        }
        if let Some(d) = first_deref(&other.nodes, var, 0, s, own) {
            if !other.tested_before(var, d.start_byte()) {
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
}

/// `b->data = calloc(…)` in a function that returns `b` and never tests `b->data`: each
/// caller that stores the result (`struct buffer *x = buffer_new(64);`) and reads through
/// `x->data` before testing it dereferences what may be NULL.
fn returned_field_used(
    ctx: &CContext,
    func: &CFunction,
    own: &DerefParams,
    (assign, var, callee): (Node, &str, &str),
    out: &mut Vec<Finding>,
) {
    let s = ctx.src();
    let Some((base, field)) = var.split_once("->") else {
        return;
    };
    if field.contains(['-', '.', '[']) {
        return;
    }
    let tested_here = func
        .conditions
        .iter()
        .any(|(at, ids)| *at >= assign.start_byte() && ids.iter().any(|i| i == var));
    let returns_base = func.nodes.iter().any(|n| {
        n.node_kind() == "return_statement"
            && n.named_child(0)
                .is_some_and(|r| squeezed(text(strip_parens_casts(r), s)) == base)
    });
    if tested_here || !returns_base || enclosing_condition_tests(assign, var, s) {
        return;
    }
    for (caller, call) in ctx.model.calls_of(&func.name) {
        // The variable the caller keeps the result in.
        let Some(holder) = call.parent_node().and_then(|p| match p.node_kind() {
            "init_declarator" => p.field("declarator").and_then(|d| declarator_name(d, s)),
            "assignment_expression" => p
                .field("left")
                .filter(|l| l.node_kind() == "identifier")
                .map(|l| text(l, s).to_string()),
            _ => None,
        }) else {
            continue;
        };
        let target = format!("{holder}->{field}");
        if let Some(d) = first_deref(&caller.nodes, &target, call.end_byte(), s, own) {
            if !caller.tested_before(&target, d.start_byte()) {
                out.push(ctx.finding(
                    &META,
                    d,
                    format!(
                        "`{target}` comes from `{callee}` in `{}` (line {}), which can return NULL, and is dereferenced here without a check.",
                        func.name,
                        ctx.line(assign)
                    ),
                ));
            }
        }
    }
}

/// Every test of `var` after byte `after` asks whether it holds a value (`if (cfg != NULL)`,
/// `if (cfg)`, `cfg && …`): none leaves the function when it is NULL.
fn only_value_tests(func: &CFunction, var: &str, after: usize, s: &str) -> bool {
    let mut seen = false;
    for &n in func.nodes.iter().filter(|n| n.start_byte() > after) {
        let cond = match n.node_kind() {
            "if_statement" | "while_statement" => n.field("condition"),
            _ => None,
        };
        let Some(c) = cond else { continue };
        let t = squeezed(text(c, s));
        let t = t.trim_start_matches('(').trim_end_matches(')');
        if !crate::c::model::identifiers(c, s).iter().any(|i| i == var) {
            continue;
        }
        seen = true;
        let value = t == var
            || t == format!("{var}!=NULL")
            || t == format!("NULL!={var}")
            || t == format!("{var}!=0")
            || t.starts_with(&format!("{var}&&"))
            || t.starts_with(&format!("{var}!=NULL&&"));
        if !value {
            return false;
        }
    }
    seen
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

/// `find(&a, want)->name`: the result of a function of the file that can return NULL,
/// dereferenced where it is returned, with no chance to test it.
fn called_then_dereferenced(
    ctx: &CContext,
    func: &CFunction,
    returners: &std::collections::HashSet<String>,
    out: &mut Vec<Finding>,
) {
    let s = ctx.src();
    for &n in &func.nodes {
        if n.node_kind() != "field_expression" || n.child(1).is_none_or(|o| o.node_kind() != "->") {
            continue;
        }
        let Some(call) = n
            .field("argument")
            .map(strip_parens_casts)
            .filter(|a| a.node_kind() == "call_expression")
        else {
            continue;
        };
        let callee = ctx.model.call_name(call);
        let own = crate::c::model::unqualified(callee);
        if returners.contains(callee) || returners.contains(own) {
            out.push(ctx.finding(
                &META,
                n,
                format!("`{callee}` can return NULL, and its result is dereferenced right away (`{}`).", text(n, s)),
            ));
        }
    }
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
