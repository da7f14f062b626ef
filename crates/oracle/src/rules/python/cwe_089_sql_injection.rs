//! ## CWE-089: SQL injection (`py/sql-injection`)
//!
//! ### What it does
//! Finds SQL queries built by string formatting, concatenation or
//! f-strings from user input or from a function's parameters, and passed to
//! `cursor.execute`, `executemany`, `executescript`, Django's `raw`,
//! SQLAlchemy's `text` or `pandas.read_sql` — or, when the database call is
//! a project's own wrapper (`db.query(sql)`), any SQL statement assembled
//! from such data by formatting.
//!
//! ### Why is this bad?
//! A value such as `' OR '1'='1` changes the meaning of the query: data is
//! read, changed or deleted beyond what the code intended.
//!
//! ### Example
//! ```python
//! cursor.execute("SELECT * FROM users WHERE name = '%s'" % name)
//! ```
//!
//! ### Use instead
//! ```python
//! cursor.execute("SELECT * FROM users WHERE name = %s", (name,))
//! ```
//!
//! ### References
//! - MITRE, CWE-089: <https://cwe.mitre.org/data/definitions/89.html>

use super::{origin, PyContext};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::python::concepts::SinkKind;
use crate::python::taint::BUILT_SQL;
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/sql-injection",
    cwe: crate::Cwe::new(89),
    name: "SQL query built from user-controlled sources",
    language: Language::Python,
    severity: Severity::Critical,
    summary: "A SQL query is built from user-controlled data instead of bound parameters.",
};

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    // Statements built from tainted data are reported where they are built
    // unless the same function also executes tainted SQL at a known sink.
    let function_of =
        |n: tree_sitter::Node| crate::ast::ancestor(n, &["function_definition"]).map(|f| f.id());
    let sink_functions: Vec<_> = ctx
        .flows_of(SinkKind::Sql)
        .filter(|f| f.callee != BUILT_SQL)
        .map(|f| function_of(f.sink))
        .collect();
    for flow in ctx.flows_of(SinkKind::Sql) {
        let message = if flow.callee == BUILT_SQL {
            if sink_functions.contains(&function_of(flow.sink)) {
                continue;
            }
            format!(
                "This SQL statement is built by string formatting from a {}.",
                origin(flow.taint)
            )
        } else {
            format!(
                "The SQL query run by `{}` depends on a {}.",
                flow.callee,
                origin(flow.taint)
            )
        };
        out.push(ctx.finding(&META, flow.arg, message));
    }
}
