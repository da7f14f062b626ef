//! ## CWE-089: SQL built by string formatting (`py/audit-sql-string`, audit profile)
//!
//! ### What it does
//! Finds `execute`/`executemany`/`executescript`/`raw` calls whose query is an f-string, a
//! `%`/`.format()` formatting or a `+` concatenation with something that is not a constant.
//! Only in `--profile audit`; `py/sql-injection` reports the proven flows.
//!
//! ### Why is this bad?
//! Values pasted into the query text change its syntax when they hold quotes: parameters are
//! the only form the driver escapes.
//!
//! ### Example
//! ```python
//! def find(cursor, name):
//!     cursor.execute(f"SELECT * FROM users WHERE name = '{name}'")
//! ```
//!
//! ### Use instead
//! ```python
//! def find(cursor, name):
//!     cursor.execute("SELECT * FROM users WHERE name = ?", (name,))
//! ```
//!
//! ### References
//! - MITRE, CWE-089: <https://cwe.mitre.org/data/definitions/89.html>
//! - Bandit B608: <https://bandit.readthedocs.io/en/latest/plugins/b608_hardcoded_sql_expressions.html>

use super::PyContext;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/audit-sql-string",
    cwe: crate::Cwe::new(89),
    name: "SQL built by string formatting",
    language: Language::Python,
    severity: Severity::Medium,
    summary: "A query is built by formatting or concatenating strings.",
};

/// A query built from parts: an f-string with a replacement field, `%`, `.format()`, `+`.
fn formatted(n: tree_sitter::Node, src: &str) -> bool {
    use crate::ast::NodeExt;
    match n.node_kind() {
        "string" => crate::ast::named_children(n)
            .iter()
            .any(|c| c.node_kind() == "interpolation"),
        "binary_operator" => !crate::python::model::is_constant(n, src),
        "call" => n
            .field("function")
            .and_then(|f| f.field("attribute"))
            .is_some_and(|a| crate::ast::text(a, src) == "format"),
        "parenthesized_expression" => n.named_child(0).is_some_and(|c| formatted(c, src)),
        _ => false,
    }
}

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    let src = ctx.src();
    ctx.audit_calls(
        &META,
        out,
        |q| {
            matches!(
                crate::python::model::last_component(q),
                "execute" | "executemany" | "executescript" | "raw"
            )
        },
        |a| a.get(0, "sql").filter(|q| formatted(*q, src)),
        |q| format!("`{q}` runs a query built by string formatting instead of parameters."),
    );
}
