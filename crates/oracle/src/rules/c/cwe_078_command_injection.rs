//! ## CWE-078: OS command injection in C (`c/command-injection`)
//!
//! ### What it does
//! Finds `system`, `popen` and `exec*` calls whose command comes from
//! `argv`, `getenv`, input read with `fgets`/`scanf`/`recv`, or a string
//! assembled (`sprintf`, `strcat`) from a function's parameters.
//!
//! ### Why is this bad?
//! The shell interprets `;`, `|`, `$(…)` in the data, so the caller runs
//! arbitrary commands.
//!
//! ### Example
//! ```c
//! char cmd[256];
//! snprintf(cmd, sizeof cmd, "cat %s", argv[1]);
//! system(cmd);
//! ```
//!
//! ### Use instead
//! ```c
//! execlp("cat", "cat", "--", argv[1], (char *)NULL);  /* no shell */
//! ```
//!
//! ### References
//! - MITRE, CWE-078: <https://cwe.mitre.org/data/definitions/78.html>

use super::CContext;
use crate::ast::NodeExt;
use crate::c::concepts::src;
use crate::c::model::{call_args, call_name, CFunction};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "c/command-injection",
    cwe: crate::Cwe::new(78),
    name: "Uncontrolled data used in OS command",
    language: Language::C,
    severity: Severity::Critical,
    summary: "A shell command is built from untrusted data.",
};

/// Whether the function checks a command's characters in a condition before running it:
/// a search for shell metacharacters (`strchr(cmd, ';')`, `strpbrk(cmd, ";|&")`,
/// `strspn(cmd, "abc…") == strlen(cmd)`), a character-class test (`isalnum(cmd[i])`) or a
/// validator of the file or the library (`is_safe(cmd)`, `valid_name(name)`), tested by an
/// `if`/`while` before the sink. A test for NULL or emptiness is no such check.
/// Returns where the first such check starts: a sink after it is checked (computed once per
/// function, since every call of the function asks).
fn first_character_check(ctx: &CContext, func: &CFunction) -> Option<usize> {
    func.calls.iter().find_map(|(c, n)| {
        crate::c::concepts::character_check(ctx.model, *c, n).then(|| c.start_byte())
    })
}

pub fn check(ctx: &CContext, out: &mut Vec<Finding>) {
    let s = ctx.src();
    for (func, taint) in ctx.functions() {
        let first_check = first_character_check(ctx, func);
        for &(call, name) in &func.calls {
            if first_check.is_some_and(|c| c < call.start_byte()) {
                continue;
            }
            let args = call_args(call);
            let candidates: Vec<_> = match name {
                "system" | "popen" | "_popen" | "_wsystem" | "_wpopen" | "wordexp" => {
                    args.first().copied().into_iter().collect()
                }
                "execl" | "execlp" | "execle" | "execv" | "execvp" | "execvpe" | "_execl"
                | "_execlp" | "_execv" | "_execvp" | "_wexecl" | "_wexeclp" | "_wexecv"
                | "_wexecvp" => {
                    let program = args.first().and_then(|a| {
                        ctx.model.string_value(*a).or_else(|| first_element(ctx, func, *a))
                    });
                    let shell = program
                        .as_deref()
                        .is_some_and(|p| p.ends_with("sh") || p.to_ascii_lowercase().ends_with("cmd.exe"));
                    if shell {
                        args.iter().skip(1).copied().collect()
                    } else if program.is_some() {
                        // A fixed program that is no shell: its arguments are not parsed
                        // as a command line.
                        Vec::new()
                    } else {
                        args.first().copied().into_iter().collect()
                    }
                }
                // Windows: `_spawnl(_P_WAIT, path, arg0, …)`: the program after the mode.
                "_spawnl" | "_spawnlp" | "_spawnv" | "_spawnvp" | "_wspawnl" | "_wspawnlp"
                | "_wspawnv" | "_wspawnvp" => {
                    let shell = args
                        .get(1)
                        .and_then(|a| ctx.model.string_value(*a))
                        .is_some_and(|p| p.ends_with("sh") || p.to_ascii_lowercase().ends_with("cmd.exe"));
                    if shell {
                        args.iter().skip(2).copied().collect()
                    } else {
                        args.get(1).copied().into_iter().collect()
                    }
                }
                _ => continue,
            };
            for arg in candidates {
                let t = taint.of(arg, s);
                if crate::c::concepts::allowlisted(ctx.model, call, arg) {
                    continue;
                }
                if t.is(src::LOCAL | src::REMOTE) || (t.is(src::PARAM) && t.interp) {
                    // A macro is named as written, with the function it reaches.
                    let written = call_name(call, s);
                    let callee = if written == name {
                        format!("`{name}`")
                    } else {
                        format!("`{written}` (`{name}`)")
                    };
                    out.push(ctx.finding(
                        &META,
                        arg,
                        format!("The command run by {callee} is built from untrusted data."),
                    ));
                }
            }
        }
    }
}

/// `args[0]` of a local array initialised with a string there (`char *args[] = {"/bin/ls",
/// "--", NULL, NULL};`) and never assigned at 0 since: that string.
fn first_element(
    ctx: &CContext,
    func: &crate::c::model::CFunction,
    n: tree_sitter::Node,
) -> Option<String> {
    let s = ctx.src();
    let n = crate::c::model::strip_parens_casts(n);
    if n.node_kind() != "subscript_expression"
        || n.field("index").and_then(|i| ctx.model.const_int(i)) != Some(0)
    {
        return None;
    }
    let array = n.field("argument").filter(|a| a.node_kind() == "identifier")?;
    let name = crate::ast::text(array, s);
    let mut found = None;
    for &x in &func.nodes {
        match x.node_kind() {
            "init_declarator" => {
                let Some(d) = x.field("declarator") else { continue };
                let declared = crate::c::model::declarator_name(d, s);
                if declared.as_deref() == Some(name) {
                    found = x
                        .field("value")
                        .filter(|v| v.node_kind() == "initializer_list")
                        .and_then(|v| v.named_child(0))
                        .and_then(|v| ctx.model.string_value(v));
                }
            }
            "assignment_expression" => {
                let Some(l) = x.field("left") else { continue };
                if crate::c::model::squeezed(crate::ast::text(l, s))
                    == format!("{name}[0]")
                {
                    return None;
                }
            }
            _ => {}
        }
    }
    found
}
