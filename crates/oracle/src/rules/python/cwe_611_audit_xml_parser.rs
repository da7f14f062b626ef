//! ## CWE-611: XML parsers that resolve entities (`py/audit-xml-parser`, audit profile)
//!
//! ### What it does
//! Finds `xml.etree`, `xml.dom.minidom`, `xml.sax` and `lxml.etree` parsing of non-constant
//! data (not `defusedxml`). Only in `--profile audit`; `py/xxe` reports the proven flows.
//!
//! ### Why is this bad?
//! Entity expansion and external entities let a document read local files, reach internal
//! hosts or exhaust memory (billion laughs).
//!
//! ### Example
//! ```python
//! import xml.etree.ElementTree as ET
//!
//! def title(document):
//!     return ET.fromstring(document).findtext("title")
//! ```
//!
//! ### Use instead
//! ```python
//! import defusedxml.ElementTree as ET
//!
//! def title(document):
//!     return ET.fromstring(document).findtext("title")
//! ```
//!
//! ### References
//! - MITRE, CWE-611: <https://cwe.mitre.org/data/definitions/611.html>
//! - Bandit B313-B320: <https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html>

use super::PyContext;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/audit-xml-parser",
    cwe: crate::Cwe::new(611),
    name: "XML parsed with external entities",
    language: Language::Python,
    severity: Severity::Medium,
    summary: "A standard-library or lxml parser reads XML that is not a constant.",
};

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    ctx.audit_calls(
        &META,
        out,
        |q| {
            let parses = |m: &str| {
                q.strip_prefix(m).is_some_and(|f| {
                    matches!(
                        f,
                        ".parse" | ".fromstring" | ".XML" | ".iterparse" | ".parseString"
                            | ".XMLParser" | ".make_parser"
                    )
                })
            };
            parses("xml.etree.ElementTree")
                || parses("xml.etree.cElementTree")
                || parses("xml.dom.minidom")
                || parses("xml.dom.pulldom")
                || parses("xml.sax")
                || parses("lxml.etree")
        },
        |a| a.get(0, "source").or_else(|| a.get(0, "text")),
        |q| format!("`{q}` parses XML that is not a constant with entity expansion on."),
    );
}
