//! ## CWE-078: OS command injection (`py/command-injection`)
//!
//! ### What it does
//! Finds shell commands built from user-controlled data: `os.system`,
//! `os.popen`, `subprocess.*` with `shell=True` (or a command string that
//! was built by formatting), `commands.getoutput`, `os.exec*`, paramiko's
//! `exec_command` … reached by request data, `sys.argv`, `input()`, or a
//! string assembled from a function's parameters.
//!
//! ### Why is this bad?
//! A value such as `; rm -rf ~` or `$(curl evil)` is interpreted by the
//! shell, so the caller runs arbitrary commands with the program's rights.
//!
//! ### Example
//! ```python
//! dirname = request.args.get("dirname")
//! os.system("ls " + dirname)
//! ```
//!
//! ### Use instead
//! ```python
//! dirname = request.args.get("dirname")
//! subprocess.run(["ls", "--", dirname], check=True)
//! ```
//! or quote each argument with `shlex.quote`.
//!
//! ### References
//! - MITRE, CWE-078: <https://cwe.mitre.org/data/definitions/78.html>

use super::{report_flows, PyContext};
use crate::ast::{self, NodeExt};
use crate::finding::{Edit, Finding, Fix, RuleMeta, Severity};
use crate::python::concepts::SinkKind;
use crate::python::model::{self, Args};
use crate::python::taint::Flow;
use crate::source::Language;
use tree_sitter::Node;

pub static META: RuleMeta = RuleMeta {
    id: "py/command-injection",
    cwe: crate::Cwe::new(78),
    name: "Uncontrolled command line",
    language: Language::Python,
    severity: Severity::Critical,
    summary: "A shell command is built from user-controlled data.",
};

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    report_flows(
        ctx,
        out,
        &META,
        SinkKind::Command,
        "The command run by",
        |flow| quote_or_split(ctx, flow),
    );
}

/// Quotes each value formatted into a shell command with `shlex.quote` (the shell stays,
/// the values become single words); a command held whole in a variable is split into an
/// argument list and run without a shell. Commands whose program itself is formatted in
/// (`f"{cmd} -x"`) are left alone: quoting would break them.
fn quote_or_split(ctx: &PyContext, flow: &Flow) -> Option<Fix> {
    if flow.callee.contains('→') {
        return None;
    }
    let arg = flow.arg;
    let mut values: Vec<Node> = Vec::new();
    match arg.node_kind() {
        "string" => {
            let parts: Vec<Node> = ast::named_children(arg)
                .into_iter()
                .filter(|p| p.node_kind() != "string_start")
                .collect();
            if parts.first()?.node_kind() == "interpolation" {
                return None;
            }
            for part in parts.iter().filter(|p| p.node_kind() == "interpolation") {
                if part.field("type_conversion").is_some()
                    || part.field("format_specifier").is_some()
                {
                    return None;
                }
                values.push(part.field("expression")?);
            }
        }
        "binary_operator" => {
            let op = ctx.text(arg.field("operator")?);
            let left = arg.field("left")?;
            let right = arg.field("right")?;
            match op {
                "+" => {
                    let mut operands = Vec::new();
                    flatten_sum(arg, ctx, &mut operands);
                    if operands.first()?.node_kind() != "string" {
                        return None;
                    }
                    values.extend(operands.into_iter().filter(|o| o.node_kind() != "string"));
                }
                "%" if left.node_kind() == "string" => match right.node_kind() {
                    "tuple" => values.extend(ast::named_children(right)),
                    "dictionary" => return None,
                    _ => values.push(right),
                },
                _ => return None,
            }
        }
        "call" => {
            let function = arg.field("function")?;
            if function.node_kind() != "attribute"
                || ctx.text(function.field("attribute")?) != "format"
                || function.field("object")?.node_kind() != "string"
            {
                return None;
            }
            let args = Args::of(arg, ctx.src());
            values.extend(args.positional.iter().copied());
            values.extend(args.keywords.iter().map(|(_, v)| *v));
        }
        "identifier" | "attribute" | "subscript" => return argument_list(ctx, flow),
        _ => return None,
    }
    let mut edits: Vec<Edit> = values
        .into_iter()
        .filter(|v| !model::is_constant(*v, ctx.src()))
        .filter(|v| !ctx.text(*v).starts_with("shlex.quote("))
        .map(|v| ctx.edit(v, format!("shlex.quote(str({}))", ctx.text(v))))
        .collect();
    if edits.is_empty() {
        return None;
    }
    edits.extend(ctx.imports(&["shlex"]));
    ctx.fix(
        "Quote each value put into the command with shlex.quote",
        edits,
    )
}

/// The operands of `a + b + c`, left to right.
fn flatten_sum<'t>(n: Node<'t>, ctx: &PyContext, out: &mut Vec<Node<'t>>) {
    let is_sum = n.node_kind() == "binary_operator"
        && n.field("operator").is_some_and(|o| ctx.text(o) == "+");
    match (is_sum, n.field("left"), n.field("right")) {
        (true, Some(l), Some(r)) => {
            flatten_sum(l, ctx, out);
            flatten_sum(r, ctx, out);
        }
        _ => out.push(n),
    }
}

/// `os.system(cmd)` → `subprocess.call(shlex.split(cmd))` (same exit status, no shell);
/// `subprocess.*(cmd, shell=True)` → `subprocess.*(shlex.split(cmd), shell=False)`.
fn argument_list(ctx: &PyContext, flow: &Flow) -> Option<Fix> {
    let cmd = ctx.text(flow.arg);
    let args = Args::of(flow.sink, ctx.src());
    let mut edits = match flow.callee.as_str() {
        "os.system" | "posix.system" if args.positional.len() == 1 && args.keywords.is_empty() => {
            let mut e = vec![ctx.edit(flow.sink, format!("subprocess.call(shlex.split({cmd}))"))];
            e.extend(ctx.imports(&["subprocess"]));
            e
        }
        q if q.starts_with("subprocess.") => {
            let shell = args.keyword("shell")?;
            if ctx.text(shell) != "True" || args.positional.first() != Some(&flow.arg) {
                return None;
            }
            vec![
                ctx.edit(flow.arg, format!("shlex.split({cmd})")),
                ctx.edit(shell, "False"),
            ]
        }
        _ => return None,
    };
    edits.extend(ctx.imports(&["shlex"]));
    ctx.fix("Run an argument list without a shell (shlex.split)", edits)
}
