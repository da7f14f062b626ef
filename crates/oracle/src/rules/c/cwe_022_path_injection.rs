//! ## CWE-022: path traversal in C (`c/path-injection`)
//!
//! ### What it does
//! Finds files opened or changed (`fopen`, `open`, `openat`, `remove`,
//! `unlink`, `rename`, `opendir`, `mkdir`, `stat` …) with a path that comes
//! from `argv`, `getenv` or input, or that was assembled from a function's
//! parameters, and directory joins (`concat_path_file(dir, name)`) of a
//! caller-supplied name, in a function that neither canonicalises the path
//! (`realpath`) nor rejects `..`/`/` or validates the name.
//!
//! C++ file streams opened on such a path (`std::ifstream in(path)`, `out.open(path)`) are
//! sinks too.
//!
//! ### Why is this bad?
//! `../../etc/shadow` or an absolute path escapes the directory the program
//! meant to serve.
//!
//! ### Example
//! ```c
//! char path[256];
//! snprintf(path, sizeof path, "/safe/%s", argv[1]);
//! FILE *f = fopen(path, "r");
//! ```
//!
//! ### Use instead
//! ```c
//! char resolved[PATH_MAX];
//! if (!realpath(path, resolved) || strncmp(resolved, "/safe/", 6) != 0) return 1;
//! FILE *f = fopen(resolved, "r");
//! ```
//!
//! ### Fix
//! Before the statement that uses the path, a check that leaves the function the way its
//! return type reports failure when the path holds `..`, and also when it starts with `/`
//! where the path is the untrusted value itself rather than one assembled under a directory
//! (`<string.h>` included when missing). Offered when the path is a plain variable,
//! subscript or field, so the check reads the value the call will use.
//!
//! ### References
//! - MITRE, CWE-022: <https://cwe.mitre.org/data/definitions/22.html>

use super::CContext;
use crate::ast::{self, text};
use crate::ast::NodeExt;
use crate::c::concepts::{is_path_join, is_validator, src};
use crate::c::model::{call_args, string_literal};
use crate::c::model::CFunction;
use crate::c::taint::FunctionTaint;
use crate::finding::{Finding, Fix, RuleMeta, Severity};
use tree_sitter::Node;
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "c/path-injection",
    cwe: crate::Cwe::new(22),
    name: "Uncontrolled data used in path expression",
    language: Language::C,
    severity: Severity::High,
    summary: "A file path is built from untrusted data without canonicalisation.",
};

pub fn check(ctx: &CContext, out: &mut Vec<Finding>) {
    let s = ctx.src();
    let guards: Vec<bool> = ctx.functions().map(|(f, _)| guards_paths(ctx, f)).collect();
    let callers_guard = guarded_callees(ctx, &guards);
    for ((func, taint), guarded) in ctx.functions().zip(guards) {
        let calls = &func.calls;
        // The function checks paths itself, or every caller of the file checks them before
        // handing one down (`if (name.find("..") == npos) load(name);`).
        if guarded || callers_guard.get(func.name.as_str()) == Some(&true) {
            continue;
        }
        file_streams(ctx, func, taint, out);
        for (call, name) in calls {
            let args = call_args(*call);
            // A directory joined with a caller-supplied name.
            if is_path_join(name) {
                if let Some(p) = args.iter().skip(1).find(|a| {
                    a.node_kind() == "identifier" && func.param_index(ctx.text(**a)).is_some()
                }) {
                    out.push(ctx.finding(
                        &META,
                        *p,
                        format!("`{name}` joins the caller-supplied name `{}` to a directory without rejecting `..` or `/`.", ctx.text(*p)),
                    ));
                    continue;
                }
            }
            let idx = match *name {
                "fopen" | "open" | "creat" | "remove" | "unlink" | "opendir" | "freopen"
                | "rename" | "truncate" | "mkdir" | "rmdir" | "chmod" | "chown" | "lstat"
                | "stat" | "access" | "xopen" | "xfopen" | "fopen_or_warn" | "link" | "symlink" => {
                    0
                }
                "openat" | "unlinkat" | "mkdirat" | "fstatat" => 1,
                _ => continue,
            };
            let Some(arg) = args.get(idx).copied() else {
                continue;
            };
            let t = taint.of(arg, s);
            if t.is(src::LOCAL | src::REMOTE) || (t.is(src::PARAM) && t.interp) {
                let mut f = ctx.finding(
                    &META,
                    arg,
                    format!("The path opened by `{name}` is built from untrusted data."),
                );
                f.fix = refuse_traversal(ctx, func, *call, arg, !t.interp);
                out.push(f);
            }
        }
    }
}

/// The function tests a path for traversal: canonicalises it (`realpath`), looks for `..`
/// or `/` in it, or passes it to a validator whose answer it tests.
fn guards_paths(ctx: &CContext, func: &CFunction) -> bool {
let s = ctx.src();
func.calls.iter().any(|(c, n)| {
        matches!(
            *n,
            "realpath" | "canonicalize_file_name" | "basename" | "PathCanonicalize"
        ) || ((matches!(*n, "strstr" | "strcmp" | "strncmp") || n.ends_with(".find"))
            && call_args(*c)
                .iter()
                .any(|a| string_literal(*a, s).is_some_and(|l| l.contains(".."))))
            || (matches!(*n, "strchr" | "strrchr")
                && call_args(*c).iter().any(|a| ctx.text(*a) == "'/'"))
            || (is_validator(n)
                && func.tested_before(
                    &call_args(*c)
                        .iter()
                        .map(|a| ctx.text(*a))
                        .collect::<Vec<_>>()
                        .join(","),
                    usize::MAX,
                ))
            || (is_validator(n)
                && ast::ancestor(*c, &["if_statement", "while_statement"]).is_some())
    })
}

/// For each function name called in the file: whether every function calling it (other
/// than itself) guards paths (`guards`, in the order of `ctx.functions()`). One pass over
/// the calls, so a file of many functions costs no more than its calls.
fn guarded_callees<'a>(
    ctx: &CContext<'_, 'a>,
    guards: &[bool],
) -> std::collections::HashMap<&'a str, bool> {
    let mut out: std::collections::HashMap<&'a str, bool> = std::collections::HashMap::new();
    for ((f, _), &g) in ctx.functions().zip(guards) {
        for &(_, callee) in &f.calls {
            for name in [callee, crate::c::model::unqualified(callee)] {
                if name != f.name {
                    *out.entry(name).or_insert(true) &= g;
                }
            }
        }
    }
    out
}

/// C++ file streams opened on a path: `std::ifstream in(path);` (which tree-sitter reads as
/// the declaration of a function taking a `path`), `std::ofstream out(path, mode)`, and
/// `in.open(path)` on a stream declared in the function.
fn file_streams(ctx: &CContext, func: &CFunction, taint: &FunctionTaint, out: &mut Vec<Finding>) {
    let s = ctx.src();
    let is_stream = |ty: &str| {
        let t = ty.trim().trim_start_matches("std::");
        matches!(t, "ifstream" | "ofstream" | "fstream" | "wifstream" | "wofstream")
    };
    let mut report = |node: Node, tainted: bool| {
        if tainted {
            out.push(ctx.finding(
                &META,
                node,
                "The path this file stream opens is built from untrusted data.".to_string(),
            ));
        }
    };
    let untrusted = |t: crate::c::taint::CTaint| t.is(src::LOCAL | src::REMOTE);
    for &n in &func.nodes {
        match n.node_kind() {
            "declaration" if n.field("type").is_some_and(|t| is_stream(text(t, s))) => {
                for d in ast::field_children(n, "declarator") {
                    match d.node_kind() {
                        // `std::ifstream in(path);`: a parameter list of one bare name.
                        "function_declarator" => {
                            let Some(params) = d.field("parameters") else { continue };
                            let names: Vec<Node> = ast::named_children(params)
                                .into_iter()
                                .filter_map(|p| p.field("type"))
                                .filter(|t| t.node_kind() == "type_identifier")
                                .collect();
                            if let Some(p) = names.first() {
                                report(*p, untrusted(taint.var(text(*p, s))));
                            }
                        }
                        "init_declarator" => {
                            let first = d
                                .field("value")
                                .filter(|v| {
                                    matches!(v.node_kind(), "argument_list" | "initializer_list")
                                })
                                .and_then(|v| v.named_child(0));
                            if let Some(a) = first {
                                report(a, untrusted(taint.of(a, s)));
                            }
                        }
                        _ => {}
                    }
                }
            }
            "call_expression" => {
                let name = ctx.model.call_name(n);
                let Some((obj, "open")) = name.rsplit_once('.') else { continue };
                if func.declared_type(s, obj).is_some_and(|t| is_stream(&t)) {
                    if let Some(a) = call_args(n).first() {
                        report(*a, untrusted(taint.of(*a, s)));
                    }
                }
            }
            _ => {}
        }
    }
}

/// `if (strstr(path, "..") != NULL) { return …; }` before the statement of `call` (with
/// `|| path[0] == '/'` when `absolute_too`: the path is the untrusted value itself, so an
/// absolute path is as bad as `..`); the check is one the rule counts as a guard.
fn refuse_traversal(
    ctx: &CContext,
    func: &CFunction,
    call: Node,
    path: Node,
    absolute_too: bool,
) -> Option<Fix> {
    if !matches!(
        path.node_kind(),
        "identifier" | "subscript_expression" | "field_expression"
    ) {
        return None;
    }
    let stmt = ctx.statement_of(call)?;
    if !matches!(
        stmt.node_kind(),
        "declaration" | "expression_statement" | "return_statement" | "if_statement"
    ) {
        return None;
    }
    let bail = ctx.failure_return(func)?;
    let p = ctx.text(path);
    let test = if absolute_too {
        format!("strstr({p}, \"..\") != NULL || {p}[0] == '/'")
    } else {
        format!("strstr({p}, \"..\") != NULL")
    };
    let mut edits = vec![ctx.insert_before(stmt, &format!("if ({test}) {{\n    {bail}\n}}"))?];
    edits.extend(ctx.include("string.h"));
    ctx.fix("Refuse a path that climbs out of its directory", edits)
}
