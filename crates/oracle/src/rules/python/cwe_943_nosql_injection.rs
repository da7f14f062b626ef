//! ## CWE-943: NoSQL injection (`py/nosql-injection`)
//!
//! ### What it does
//! Finds MongoDB queries (`find`, `find_one`, `update_one`, `aggregate` …
//! in a file using pymongo/mongoengine/motor) whose whole filter document
//! comes from the request (for example `json.loads(request.args["q"])`) or
//! whose `$where` clause is built from input.
//!
//! ### Why is this bad?
//! The user supplies operators such as `{"$ne": null}` or JavaScript in
//! `$where`, matching every record or running code in the database.
//!
//! ### Example
//! ```python
//! query = json.loads(request.args["filter"])
//! db.users.find(query)
//! ```
//!
//! ### Use instead
//! ```python
//! name = str(request.args["name"])
//! db.users.find({"name": name})
//! ```
//!
//! ### References
//! - MITRE, CWE-943: <https://cwe.mitre.org/data/definitions/943.html>

use super::{report_flows, PyContext};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::python::concepts::SinkKind;
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/nosql-injection",
    cwe: crate::Cwe::new(943),
    name: "NoSQL injection",
    language: Language::Python,
    severity: Severity::High,
    summary: "A NoSQL query document is built from user input.",
};

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    report_flows(
        ctx,
        out,
        &META,
        SinkKind::NoSql,
        "The query filter of",
        |_| None,
    );
}
