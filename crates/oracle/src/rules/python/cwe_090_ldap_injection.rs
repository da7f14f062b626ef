//! ## CWE-090: LDAP injection (`py/ldap-injection`)
//!
//! ### What it does
//! Finds LDAP search filters (python-ldap `search_s`/`search_ext_s`,
//! ldap3 `Connection.search`) built from request data or assembled from a
//! function's parameters without `escape_filter_chars`.
//!
//! ### Why is this bad?
//! `*)(uid=*))(|(uid=*` rewrites the filter: the query matches every entry
//! and can bypass an authentication check built on it.
//!
//! ### Example
//! ```python
//! search_filter = "(user={})".format(request.args["username"])
//! conn.search_s(dn, ldap.SCOPE_SUBTREE, search_filter)
//! ```
//!
//! ### Use instead
//! ```python
//! from ldap.filter import escape_filter_chars
//! search_filter = "(user={})".format(escape_filter_chars(request.args["username"]))
//! ```
//!
//! ### References
//! - MITRE, CWE-090: <https://cwe.mitre.org/data/definitions/90.html>

use super::{report_flows, PyContext};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::python::concepts::SinkKind;
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/ldap-injection",
    cwe: crate::Cwe::new(90),
    name: "LDAP query built from user-controlled sources",
    language: Language::Python,
    severity: Severity::High,
    summary: "An LDAP filter is built from user input without escaping.",
};

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    report_flows(
        ctx,
        out,
        &META,
        SinkKind::Ldap,
        "The LDAP filter of",
        |_| None,
    );
}
