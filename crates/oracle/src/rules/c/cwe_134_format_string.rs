//! ## CWE-134: externally-controlled format string (`c/format-string`)
//!
//! ### What it does
//! Finds `printf`-family calls (`printf`, `fprintf`, `sprintf`, `snprintf`,
//! `syslog`, …) whose format argument is not a string literal. A variadic wrapper that
//! forwards its own format parameter (`vprintf(fmt, args)`) is judged where it is called: a
//! caller that passes input or a buffer as that parameter is reported.
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
    // Variadic wrappers that forward a format parameter: (name, parameter index). They are
    // judged where they are called, by what each caller passes.
    let mut wrappers: Vec<(String, usize)> = Vec::new();
    for (func, taint) in ctx.functions() {
        let variadic =
            ctx.text(func.node).contains("...") || ctx.text(func.node).contains("va_list");
        for &(call, name) in &func.calls {
            let Some(i) = format_arg(name) else { continue };
            // A function of the file with a library's name (`static void warn(const char
            // *msg)`) is not the library's printf-like one.
            if ctx.model.function_named(name).is_some() {
                continue;
            }
            let args = call_args(call);
            let Some(fmt) = args.get(i).copied() else {
                continue;
            };
            if !is_suspicious(ctx, fmt) {
                continue;
            }
            if variadic && fmt.node_kind() == "identifier" {
                if let Some(p) = func.param_index(ctx.text(fmt)) {
                    wrappers.push((func.name.clone(), p));
                    continue;
                }
            }
            if !untrusted(ctx, func, taint, fmt) {
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
    for (func, taint) in ctx.functions() {
        for &(call, name) in &func.calls {
            let Some((_, i)) = wrappers.iter().find(|(w, _)| w == name) else {
                continue;
            };
            let Some(fmt) = call_args(call).get(*i).copied() else {
                continue;
            };
            if is_suspicious(ctx, fmt) && untrusted(ctx, func, taint, fmt) {
                out.push(ctx.finding(
                    &META,
                    fmt,
                    format!(
                        "`{}` is passed as the format string that `{name}` hands to a printf-style function, and it is not a literal.",
                        ctx.text(fmt)
                    ),
                ));
            }
        }
    }
}

/// A format argument that comes from input, or is a buffer of this function, or an element
/// of an array: what the rule reports (a non-literal format of unknown origin is left alone).
fn untrusted(
    ctx: &CContext,
    func: &crate::c::model::CFunction,
    taint: &crate::c::taint::FunctionTaint,
    fmt: tree_sitter::Node,
) -> bool {
    use crate::c::concepts::src;
    let t = taint.of(fmt, ctx.src());
    if t.is(src::LOCAL | src::REMOTE | src::RANDOM) {
        return true;
    }
    // A parameter that the file's own callers fill (none with input, or the taint would
    // show): `sink(data)` after `strcpy(data, "fixedstringtest")`. A function nobody in the
    // file calls takes its format from outside, and stays reported.
    let from_own_callers = fmt.node_kind() == "identifier"
        && func.param_index(ctx.text(fmt)).is_some()
        && ctx.model.calls_of(&func.name).next().is_some();
    if t.src != 0 && !from_own_callers {
        return true;
    }
    let is_buffer =
        fmt.node_kind() == "identifier" && func.array_len(ctx.model, ctx.text(fmt)).is_some();
    (is_buffer && !constant_content(ctx, func, ctx.text(fmt)))
        || matches!(fmt.node_kind(), "subscript_expression")
}

/// Everything this function writes into the buffer `name` is a literal (`strcpy(data,
/// "fixed")`, `strcat`, an initialiser, `memset` with a character other than `%`), and the
/// buffer is handed to nothing that could write it: its format holds no conversion from
/// input.
fn constant_content(ctx: &CContext, func: &crate::c::model::CFunction, name: &str) -> bool {
    use crate::c::model::strip_parens_casts;
    for &(call, _) in &func.calls {
        let callee = ctx.model.call_name(call);
        let args = call_args(call);
        let Some(pos) = args
            .iter()
            .position(|a| ctx.text(strip_parens_casts(*a)) == name)
        else {
            continue;
        };
        let literal_source = args.get(1).is_some_and(|a| ctx.model.string_value(*a).is_some());
        let constant = match callee {
            "strcpy" | "strcat" | "wcscpy" | "wcscat" | "strncpy" | "strncat" => {
                pos != 0 || literal_source
            }
            "memset" | "wmemset" => {
                pos != 0 || args.get(1).is_some_and(|c| !ctx.text(*c).contains('%'))
            }
            // Read-only uses.
            "strlen" | "wcslen" | "printf" | "wprintf" | "puts" | "fputs" | "strcmp"
            | "strncmp" | "strchr" | "strstr" => true,
            _ => false,
        };
        if !constant {
            return false;
        }
    }
    // Written element by element with anything but a character literal.
    !func.nodes.iter().any(|&n| {
        n.node_kind() == "assignment_expression"
            && n.field("left").is_some_and(|l| {
                l.node_kind() == "subscript_expression"
                    && l.field("argument").is_some_and(|a| ctx.text(a) == name)
            })
            && n.field("right").is_some_and(|r| r.node_kind() != "char_literal")
    })
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
