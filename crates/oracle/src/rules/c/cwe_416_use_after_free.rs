//! ## CWE-416: use after free (`c/use-after-free`)
//!
//! ### What it does
//! Follows each function in statement order and reports a pointer that is
//! read, dereferenced, passed on, or freed again after `free(p)` on a path
//! where it was not reassigned (for example set to `NULL`). Branches are
//! analysed separately; a branch that returns, breaks or exits after the
//! `free` does not reach the code after it.
//! A `free(p)` in a loop body that nothing in the loop reassigns, takes the address of, or
//! leaves the loop after is reported too: the loop's second pass frees `p` again.
//!
//! ### Why is this bad?
//! The memory may already hold another object: reading it leaks data,
//! writing it corrupts the allocator or another object, and a double free
//! lets an attacker control later allocations.
//!
//! ### Example
//! ```c
//! free(buf);
//! printf("%s\n", buf);
//! ```
//!
//! ### Use instead
//! ```c
//! printf("%s\n", buf);
//! free(buf);
//! buf = NULL;
//! ```
//!
//! ### References
//! - MITRE, CWE-416: <https://cwe.mitre.org/data/definitions/416.html>

use super::CContext;
use crate::ast::NodeExt;
use crate::ast::{self, text};
use crate::c::model::{call_args, root_name, CFunction};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;
use std::collections::HashMap;
use tree_sitter::Node;

pub static META: RuleMeta = RuleMeta {
    id: "c/use-after-free",
    cwe: crate::Cwe::new(416),
    name: "Use after free",
    language: Language::C,
    severity: Severity::Critical,
    summary: "Memory is used after it was freed.",
};

/// A call that frees its first argument: the libc/kernel/glib frees, and a
/// project's `<prefix>_free`/`_destroy`/`_release` when the prefix names the
/// argument's type (`jas_tvparser_destroy(tvp)` with `jas_tvparser_t *tvp`)
/// or a buffer (`cifs_small_buf_release(req)`). Without that link,
/// `Curl_up_free(data)` frees the URL parts *held by* `data`, not `data`.
fn frees_first_argument(ctx: &CContext, func: &CFunction, call: Node) -> bool {
    let s = ctx.src();
    let name = ctx.model.call_name(call);
    if crate::c::concepts::is_plain_free(name) || own_release(ctx, name) {
        return true;
    }
    if crate::c::concepts::deallocator_arg(name, call_args(call).len()) != Some(0) {
        return false;
    }
    let lname = name.to_ascii_lowercase();
    let prefix = match lname.rfind('_') {
        Some(i) => lname[..i].trim_start_matches('_').to_string(),
        None => lname
            .trim_end_matches("free")
            .trim_end_matches("destroy")
            .to_string(),
    };
    if prefix.ends_with("buf") || prefix.ends_with("buffer") || prefix.ends_with("mem") {
        return true;
    }
    let Some(var) = call_args(call).first().and_then(|a| root_name(*a, s)) else {
        return false;
    };
    let Some(ty) = func.declared_type(s, &var) else {
        return false;
    };
    let ty = ty
        .trim_start_matches("const ")
        .trim_start_matches("struct ")
        .to_ascii_lowercase();
    // `jas_tvparser_t` → `jastvparser`; too short a name links nothing.
    let ty = ty
        .strip_suffix('t')
        .filter(|_| ty.ends_with("_t"))
        .unwrap_or(&ty);
    let ty = ty.replace('_', "");
    let prefix = prefix.replace('_', "");
    prefix.len() >= 3 && ty.len() >= 3 && (ty.contains(&prefix) || prefix.contains(&ty))
}

/// The `free(x)` calls and C++ `delete x;` / `delete[] x;` that are statements of a
/// function's body's top level: what the function frees on every path, so its callers can
/// count a call to it as those frees.
fn top_level_frees<'t>(ctx: &CContext<'_, 't>, f: &CFunction<'t>) -> Vec<(Node<'t>, Node<'t>)> {
    ast::named_children(f.body)
        .into_iter()
        .filter(|st| st.node_kind() == "expression_statement")
        .filter_map(|st| st.named_child(0))
        .filter_map(|x| match x.node_kind() {
            "call_expression" if crate::c::concepts::is_plain_free(ctx.model.call_name(x)) => {
                Some((x, *call_args(x).first()?))
            }
            "delete_expression" => {
                Some((x, x.named_child((x.named_child_count() as u32).saturating_sub(1))?))
            }
            _ => None,
        })
        .collect()
}

/// A function of this file that frees its first parameter itself (`free(p)`, not `free(*pp)`)
/// on every path: its callers' argument is freed as if they had called `free`
/// (`release(name); printf("%s", name);`).
fn own_release(ctx: &CContext, name: &str) -> bool {
    let s = ctx.src();
    let Some(f) = ctx.model.function_named(name) else {
        return false;
    };
    let Some(first) = f.params.first() else {
        return false;
    };
    top_level_frees(ctx, f)
        .iter()
        .any(|(_, a)| a.node_kind() == "identifier" && text(*a, s) == first.name)
}

/// The file-scope variables a function of this file frees (`current` not declared in it, and
/// not given a new value anywhere after the `free`), on every path or on one branch (`if
/// (!keep) free(g_line);`): after a call to it, its caller must not use them, since on that
/// path they are gone.
fn frees_globals(ctx: &CContext, name: &str) -> Vec<String> {
    let s = ctx.src();
    let Some(f) = ctx.model.function_named(name) else {
        return Vec::new();
    };
    let frees: Vec<(Node, Node)> = f
        .calls
        .iter()
        .filter(|(c, n)| crate::c::concepts::is_plain_free(n) && !in_loop(*c, f.body))
        .filter_map(|(c, _)| Some((*c, *call_args(*c).first()?)))
        .chain(top_level_frees(ctx, f))
        .collect();
    frees
        .into_iter()
        .filter_map(|(call, a)| {
            let v = root_name(a, s)?;
            // `free(buf); buf = malloc(64);` (or `= NULL`) leaves `buf` usable.
            let reassigned = f.nodes.iter().any(|n| {
                n.start_byte() > call.end_byte()
                    && n.node_kind() == "assignment_expression"
                    && n.field("left").is_some_and(|l| text(l, s) == v)
            });
            (ctx.model.file_scope.contains(&v) && f.declared_type(s, &v).is_none() && !reassigned)
                .then_some(v)
        })
        .collect()
}

/// `n` sits in a loop of `body`: a free there may release a different element each time.
fn in_loop(n: Node, body: Node) -> bool {
    std::iter::successors(n.parent_node(), |p| p.parent_node())
        .take_while(|p| p.id() != body.id())
        .any(|p| {
            matches!(
                p.node_kind(),
                "for_statement" | "while_statement" | "do_statement" | "for_range_loop"
            )
        })
}

struct Walker<'c, 'a, 't> {
    ctx: &'c CContext<'a, 't>,
    func: &'c CFunction<'t>,
    out: Vec<Finding>,
    reported: Vec<String>,
    /// [`frees_globals`] per callee, asked once per file rather than at every call.
    freed_globals: &'c mut HashMap<String, Vec<String>>,
}

type Freed = HashMap<String, usize>;

impl<'c, 'a, 't> Walker<'c, 'a, 't> {
    fn stmt(&mut self, n: Node<'t>, freed: &mut Freed, depth: usize) -> bool {
        if depth > 300 {
            return false;
        }
        match n.node_kind() {
            "compound_statement" => {
                for c in ast::named_children(n) {
                    if self.stmt(c, freed, depth + 1) {
                        return true;
                    }
                }
                false
            }
            "if_statement" => {
                if let Some(c) = n.field("condition") {
                    self.expr(c, freed);
                }
                let mut then_f = freed.clone();
                let then_ends = n
                    .field("consequence")
                    .is_some_and(|b| self.stmt(b, &mut then_f, depth + 1));
                let mut else_f = freed.clone();
                let else_ends = n
                    .field("alternative")
                    .is_some_and(|b| self.stmt(b, &mut else_f, depth + 1));
                freed.clear();
                if !then_ends {
                    freed.extend(then_f);
                }
                if !else_ends {
                    freed.extend(else_f);
                }
                then_ends && else_ends
            }
            "else_clause" => ast::named_children(n)
                .into_iter()
                .any(|c| self.stmt(c, freed, depth + 1)),
            // Each case starts from the state before the switch; a case that
            // returns (not one that breaks) does not reach the code after it.
            "switch_statement" => {
                if let Some(c) = n.field("condition") {
                    self.expr(c, freed);
                }
                let before = freed.clone();
                if let Some(body) = n.field("body") {
                    for case in ast::named_children(body) {
                        let mut f = before.clone();
                        let mut left = false;
                        for st in ast::named_children(case) {
                            if is_stmt(st.node_kind()) {
                                left = self.stmt(st, &mut f, depth + 1)
                                    && st.node_kind() != "break_statement";
                            }
                        }
                        if !left {
                            freed.extend(f);
                        }
                    }
                }
                false
            }
            // A `for` loop's update runs after its body: `for (p = head; p; p = p->next)
            // free(p);` reads `p` after freeing it.
            "for_statement" => {
                for part in ["initializer", "condition"] {
                    if let Some(c) = n.field(part) {
                        if is_stmt(c.node_kind()) {
                            self.stmt(c, freed, depth + 1);
                        } else {
                            self.expr(c, freed);
                        }
                    }
                }
                if let Some(b) = n.field("body") {
                    self.stmt(b, freed, depth + 1);
                }
                if let Some(u) = n.field("update") {
                    self.expr(u, freed);
                }
                false
            }
            "while_statement" | "do_statement" | "case_statement" | "labeled_statement" => {
                for c in ast::named_children(n) {
                    if is_stmt(c.node_kind()) {
                        self.stmt(c, freed, depth + 1);
                    } else {
                        self.expr(c, freed);
                    }
                }
                false
            }
            "return_statement" => {
                self.expr(n, freed);
                true
            }
            "break_statement" | "continue_statement" | "goto_statement" => true,
            // Code tree-sitter could not parse (an unexpanded macro without its
            // `;`) hides where paths end; it is not followed.
            _ if n.has_error() => false,
            _ => {
                self.expr(n, freed);
                n.node_kind() == "expression_statement"
                    && n.named_child(0).is_some_and(|c| {
                        c.node_kind() == "call_expression"
                            && crate::c::concepts::ends_path(self.ctx.model.call_name(c))
                    })
            }
        }
    }

    /// Uses in an expression, then its effects (frees and reassignments).
    fn expr(&mut self, n: Node<'t>, freed: &mut Freed) {
        let s = self.ctx.src();
        let (ctx, func) = (self.ctx, self.func);
        let cache = &mut *self.freed_globals;
        let mut frees: Vec<(String, Node<'t>)> = Vec::new();
        let mut assigned: Vec<String> = Vec::new();
        ast::preorder(n, |x| match x.node_kind() {
            "call_expression" if frees_first_argument(ctx, func, x) => {
                if let Some(a) = call_args(x).first().and_then(|a| root_name(*a, s)) {
                    frees.push((a, x));
                }
            }
            // C++: `delete p;`, `delete[] p;`.
            "delete_expression" => {
                let arg = x.named_child((x.named_child_count() as u32).saturating_sub(1));
                if let Some(a) = arg.and_then(|a| root_name(a, s)) {
                    frees.push((a, x));
                }
            }
            "call_expression" => {
                let name = ctx.model.call_name(x);
                let globals = cache
                    .entry(name.to_string())
                    .or_insert_with(|| frees_globals(ctx, name));
                for g in globals.iter() {
                    if func.declared_type(s, g).is_none() {
                        frees.push((g.clone(), x));
                    }
                }
                // A function of the file that gives a file-scope pointer a new value
                // (`refill()` setting `g_buf = malloc(…)`) ends its freed state.
                if let Some(callee) = ctx.model.function_named(name).filter(|f| f.name != func.name) {
                    for (_, target, _) in &callee.assigns {
                        if ctx.model.file_scope.iter().any(|g| g == target)
                            && callee.declared_type(s, target).is_none()
                            && func.declared_type(s, target).is_none()
                        {
                            assigned.push(target.clone());
                        }
                    }
                }
            }
            "assignment_expression" => {
                if let Some(l) = x.field("left") {
                    if matches!(l.node_kind(), "identifier" | "field_expression") {
                        assigned.push(text(l, s).to_string());
                    }
                }
            }
            _ => {}
        });
        // A function of the file called while a file-scope pointer is freed, which reads
        // that pointer before giving it a value (`free(g_values); sink();`).
        if !freed.is_empty() {
            let mut calls = Vec::new();
            ast::preorder(n, |x| {
                if x.node_kind() == "call_expression" {
                    calls.push(x);
                }
            });
            for call in calls {
                let callee = ctx.model.call_name(call);
                let Some(target) = ctx.model.function_named(callee).filter(|f| f.name != func.name)
                else {
                    continue;
                };
                for (name, _) in freed.iter() {
                    if self.reported.iter().any(|r| r == name)
                        || !ctx.model.file_scope.iter().any(|g| g == name)
                        || func.declared_type(s, name).is_some()
                        || target.declared_type(s, name).is_some()
                    {
                        continue;
                    }
                    let first = target.nodes.iter().copied().find(|x| {
                        x.node_kind() == "identifier" && text(*x, s) == name.as_str()
                    });
                    let Some(use_) = first else { continue };
                    let assigned_first = use_.parent_node().is_some_and(|p| {
                        p.node_kind() == "assignment_expression" && p.field("left") == Some(use_)
                    });
                    if assigned_first {
                        continue;
                    }
                    self.reported.push(name.clone());
                    self.out.push(ctx.finding(
                        &META,
                        use_,
                        format!(
                            "`{name}` is used here after `{}` freed it and called this function (line {}).",
                            func.name,
                            ctx.line(call)
                        ),
                    ));
                }
            }
        }
        if !freed.is_empty() {
            ast::preorder(n, |x| {
                if !matches!(x.node_kind(), "identifier" | "field_expression") {
                    return;
                }
                let name = text(x, s);
                if !freed.contains_key(name) || self.reported.iter().any(|r| r == name) {
                    return;
                }
                let Some(p) = x.parent_node() else { return };
                // Being assigned is not a use; sizeof is not a use.
                if p.node_kind() == "assignment_expression" && p.field("left") == Some(x) {
                    return;
                }
                if ast::ancestor(x, &["sizeof_expression"]).is_some_and(|a| ast::contains(n, a)) {
                    return;
                }
                if p.node_kind() == "field_expression" && p.field("field") == Some(x) {
                    return;
                }
                // Passed to a function of the file that never reads that parameter (the
                // suites' fixed sinks "do nothing" with the freed pointer): no use.
                if p.node_kind() == "argument_list" && passed_unused(self.ctx, p, x) {
                    return;
                }
                let double = p.node_kind() == "argument_list"
                    && p.parent_node()
                        .is_some_and(|c| frees_first_argument(self.ctx, self.func, c));
                let msg = if double {
                    format!("`{name}` is freed twice.")
                } else {
                    format!("`{name}` is used after it was freed.")
                };
                self.reported.push(name.to_string());
                self.out.push(self.ctx.finding(&META, x, msg));
            });
        }
        for a in &assigned {
            freed.remove(a);
        }
        for (name, call) in frees {
            // `image = DestroyImage(image)`: the result replaces the pointer.
            if !assigned.contains(&name) {
                // A local pointer last set to a plain copy of the freed one (`q = p;
                // free(p);`) points to the same freed block.
                for alias in &func.pointers {
                    if *alias == name || freed.contains_key(alias.as_str()) {
                        continue;
                    }
                    let copy = crate::c::storage::last_value(func, alias, call.start_byte(), s)
                        .map(crate::c::model::strip_parens_casts)
                        .is_some_and(|v| v.node_kind() == "identifier" && text(v, s) == name);
                    if copy {
                        freed.insert(alias.clone(), call.end_byte());
                    }
                }
                freed.insert(name, call.end_byte());
            }
        }
    }
}

/// `arg` is an argument (in `list`) of a call to a function of the file whose parameter at
/// that position is never named in its body.
fn passed_unused(ctx: &CContext, list: Node, arg: Node) -> bool {
    let s = ctx.src();
    let Some(call) = list.parent_node().filter(|c| c.node_kind() == "call_expression") else {
        return false;
    };
    let Some(index) = call_args(call).iter().position(|a| *a == arg) else {
        return false;
    };
    let Some(callee) = ctx.model.function_named(ctx.model.call_name(call)) else {
        return false;
    };
    let Some(param) = callee.params.get(index) else {
        return false;
    };
    // `(void)data;` only silences the compiler.
    let discarded = |n: Node| {
        n.parent_node().is_some_and(|c| {
            c.node_kind() == "cast_expression"
                && c.field("type").is_some_and(|t| text(t, s).trim() == "void")
        })
    };
    !callee
        .nodes
        .iter()
        .any(|n| n.node_kind() == "identifier" && text(*n, s) == param.name && !discarded(*n))
}

/// `for (j = 0; j < 1; j++)`: a loop whose counter starts at 0 and is bounded by 1 (the
/// suites' "run once" flow variant) has no second pass.
fn runs_once(ctx: &CContext, func: &CFunction, lp: Node) -> bool {
    let s = ctx.src();
    let (Some(init), Some(cond)) = (lp.field("initializer"), lp.field("condition")) else {
        return false;
    };
    let (counter, start) = match init.node_kind() {
        "assignment_expression" => (init.field("left"), init.field("right")),
        "declaration" => {
            let d = init.field("declarator");
            (d.and_then(|d| d.field("declarator")), d.and_then(|d| d.field("value")))
        }
        _ => return false,
    };
    let (Some(counter), Some(start)) = (counter, start) else {
        return false;
    };
    ctx.model.const_int(start) == Some(0)
        && crate::c::loops::constant_bound(ctx, func, cond, text(counter, s)) == Some(1)
}

/// `free(p)` in a loop's body that nothing in the loop reassigns, takes the address of, or
/// leaves the loop after: the second pass frees it again (`for (i = 0; i < 2; i++) free(p);`).
fn freed_each_pass(ctx: &CContext, func: &CFunction, out: &mut Vec<Finding>) {
    let s = ctx.src();
    for &lp in &func.nodes {
        if !matches!(lp.node_kind(), "for_statement" | "while_statement") {
            continue;
        }
        let Some(body) = lp.field("body") else { continue };
        if runs_once(ctx, func, lp) {
            continue;
        }
        let leaves = ast::preorder_any(body, |n| {
            matches!(
                n.node_kind(),
                "break_statement" | "return_statement" | "goto_statement"
            ) || (n.node_kind() == "call_expression"
                && crate::c::concepts::ends_path(ctx.model.call_name(n)))
        });
        if leaves {
            continue;
        }
        let mut frees: Vec<Node> = Vec::new();
        ast::preorder(body, |n| {
            if n.node_kind() == "call_expression" && frees_first_argument(ctx, func, n) {
                frees.push(n);
            }
        });
        for call in frees {
            let Some(arg) = call_args(call).first().copied() else { continue };
            let arg = crate::c::model::strip_parens_casts(arg);
            if arg.node_kind() != "identifier" {
                continue;
            }
            let p = text(arg, s);
            let changed = ast::preorder_any(lp, |n| match n.node_kind() {
                "assignment_expression" | "update_expression" => n
                    .field("left")
                    .or_else(|| n.field("argument"))
                    .is_some_and(|l| text(l, s) == p),
                "pointer_expression" => {
                    n.child(0).is_some_and(|o| o.node_kind() == "&")
                        && n.field("argument").is_some_and(|a| text(a, s) == p)
                }
                "init_declarator" => n
                    .field("declarator")
                    .and_then(|d| crate::c::model::declarator_name(d, s))
                    .as_deref()
                    == Some(p),
                _ => false,
            });
            if !changed {
                out.push(ctx.finding(
                    &META,
                    call,
                    format!(
                        "`{p}` is freed in every pass of the loop on line {} and nothing in the loop gives it new memory: the second pass frees it again.",
                        ctx.line(lp)
                    ),
                ));
            }
        }
    }
}

fn is_stmt(kind: &str) -> bool {
    kind.ends_with("_statement") || kind == "compound_statement" || kind == "declaration"
}

pub fn check(ctx: &CContext, out: &mut Vec<Finding>) {
    let mut freed_globals = HashMap::new();
    for (func, _) in ctx.functions() {
        let mut w = Walker {
            ctx,
            func,
            out: Vec::new(),
            reported: Vec::new(),
            freed_globals: &mut freed_globals,
        };
        let mut freed = Freed::new();
        w.stmt(func.body, &mut freed, 0);
        out.extend(w.out);
        freed_each_pass(ctx, func, out);
    }
}
