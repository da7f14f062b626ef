//! ## CWE-089: SQL injection (`py/sql-injection`)
//!
//! ### What it does
//! Finds SQL queries built by string formatting, concatenation or
//! f-strings from user input or from a function's parameters, and passed to
//! `cursor.execute`, `executemany`, `executescript`, Django's `raw`,
//! SQLAlchemy's `text` or `pandas.read_sql`.
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

use super::{report_flows, PyContext};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::python::concepts::SinkKind;
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/sql-injection",
    cwe: "CWE-089",
    name: "SQL query built from user-controlled sources",
    language: Language::Python,
    severity: Severity::Critical,
    summary: "A SQL query is built from user-controlled data instead of bound parameters.",
};

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    report_flows(ctx, out, &META, SinkKind::Sql, "The SQL query run by", |_| None);
}
