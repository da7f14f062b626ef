//! ## CWE-643: XPath injection (`py/xpath-injection`)
//!
//! ### What it does
//! Finds XPath expressions (`tree.xpath`, `etree.XPath`, ElementTree's
//! `find`/`findall`) built from user input instead of XPath variables.
//!
//! ### Why is this bad?
//! `' or '1'='1` rewrites the query, returning nodes (passwords, other
//! users' records) the code never meant to expose.
//!
//! ### Example
//! ```python
//! user = request.args["user"]
//! root.xpath("/users/user[@name='" + user + "']")
//! ```
//!
//! ### Use instead
//! ```python
//! root.xpath("/users/user[@name=$name]", name=user)
//! ```
//!
//! ### References
//! - MITRE, CWE-643: <https://cwe.mitre.org/data/definitions/643.html>

use super::{report_flows, PyContext};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::python::concepts::SinkKind;
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/xpath-injection",
    cwe: crate::Cwe::new(643),
    name: "XPath query built from user-controlled sources",
    language: Language::Python,
    severity: Severity::High,
    summary: "An XPath expression is built from user input.",
};

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    report_flows(
        ctx,
        out,
        &META,
        SinkKind::XPath,
        "The XPath expression of",
        |_| None,
    );
}
