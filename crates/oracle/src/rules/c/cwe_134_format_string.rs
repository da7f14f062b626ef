//! ## CWE-134: externally-controlled format string (`c/format-string`)
//!
//! ### What it does
//! Finds `printf`-family calls (`printf`, `fprintf`, `sprintf`, `snprintf`,
//! `syslog`, …) whose format argument is not a string literal, except in
//! variadic wrappers that forward their own format parameter.
//!
//! ### Why is this bad?
//! `%n` in the data writes to memory and `%x`/`%s` read the stack: an
//! attacker who controls the format string reads secrets or takes control
//! of the process.
//!
//! ### Example
//! ```c
//! printf(argv[1]);
//! ```
//!
//! ### Use instead
//! ```c
//! printf("%s", argv[1]);
//! ```
//!
//! ### References
//! - MITRE, CWE-134: <https://cwe.mitre.org/data/definitions/134.html>

use super::CContext;
use crate::ast;
use crate::ast::NodeExt;
use crate::c::concepts::format_arg;
use crate::c::model::call_args;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "c/format-string",
    cwe: crate::Cwe::new(134),
    name: "Non-constant format string",
    language: Language::C,
    severity: Severity::High,
    summary: "A printf-style format string is not a literal.",
};

pub fn check(ctx: &CContext, out: &mut Vec<Finding>) {
    let s = ctx.src();
    for (func, taint) in ctx.functions() {
        let variadic =
            ctx.text(func.node).contains("...") || ctx.text(func.node).contains("va_list");
        for &(call, name) in &func.calls {
            let Some(i) = format_arg(name) else { continue };
            let args = call_args(call);
            let Some(fmt) = args.get(i).copied() else {
                continue;
            };
            if !is_suspicious(ctx, fmt) {
                continue;
            }
            if variadic
                && fmt.node_kind() == "identifier"
                && func.param_index(ctx.text(fmt)).is_some()
            {
                continue;
            }
            let t = taint.of(fmt, s);
            let is_buffer = fmt.node_kind() == "identifier"
                && func.array_len(ctx.model, ctx.text(fmt)).is_some();
            if t.src == 0 && !is_buffer && !matches!(fmt.node_kind(), "subscript_expression") {
                continue;
            }
            let mut f = ctx.finding(
                &META,
                fmt,
                format!("The format string of `{name}` is not a literal."),
            );
            f.fix = ctx.fix(
                "Print the value with a \"%s\" format",
                vec![ctx.edit(fmt, format!("\"%s\", {}", ctx.text(fmt)))],
            );
            out.push(f);
        }
    }
}

/// Not a literal, a macro in capitals, or a ternary of literals.
fn is_suspicious(ctx: &CContext, fmt: tree_sitter::Node) -> bool {
    match fmt.node_kind() {
        "string_literal" | "concatenated_string" => false,
        "identifier" => {
            let t = ctx.text(fmt);
            !(t.chars()
                .all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit()))
        }
        "conditional_expression" => ast::named_children(fmt)
            .iter()
            .skip(1)
            .any(|c| is_suspicious(ctx, *c)),
        "call_expression" => {
            let n = ctx.model.call_name(fmt);
            !(n == "_" || n == "gettext" || n == "N_" || n == "dgettext")
        }
        _ => true,
    }
}
