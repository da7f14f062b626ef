//! ## CWE-611: XML external entity expansion (`py/xxe`)
//!
//! ### What it does
//! Finds XML parsing of untrusted data with parsers that resolve external
//! entities or are unsafe on hostile input: lxml with its default parser or
//! an `XMLParser(resolve_entities=True)`, and the stdlib `xml.etree`,
//! `xml.dom.minidom`, `xml.dom.pulldom` and `xml.sax` parsers; also any
//! `lxml.etree.XMLParser(resolve_entities=True)` and a SAX parser with the
//! `feature_external_ges` feature turned on.
//!
//! ### Why is this bad?
//! `<!ENTITY x SYSTEM "file:///etc/passwd">` makes the parser read local
//! files or fetch URLs, and nested entities exhaust memory.
//!
//! ### Example
//! ```python
//! from lxml import etree
//! doc = etree.fromstring(request.data)
//! ```
//!
//! ### Use instead
//! ```python
//! import defusedxml.ElementTree as ET
//! doc = ET.fromstring(request.data)
//! ```
//! or `etree.XMLParser(resolve_entities=False, no_network=True)`.
//!
//! ### References
//! - MITRE, CWE-611: <https://cwe.mitre.org/data/definitions/611.html>

use super::{report_flows, PyContext};
use crate::ast::NodeExt;
use crate::finding::Fix;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::python::concepts::SinkKind;
use crate::python::model::{last_component, Args};
use crate::python::taint::Flow;
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/xxe",
    cwe: crate::Cwe::new(611),
    name: "XML external entity expansion",
    language: Language::Python,
    severity: Severity::High,
    summary: "Untrusted XML is parsed by a parser that resolves external entities.",
};

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    report_flows(
        ctx,
        out,
        &META,
        SinkKind::Xml,
        "The XML parsed by",
        |flow| safe_parser(ctx, flow),
    );
    for call in &ctx.model.calls {
        let args = Args::of(call.node, ctx.src());
        match last_component(&call.qualname) {
            "XMLParser" if call.qualname.starts_with("lxml") => {
                if let Some(v) = args.keyword("resolve_entities") {
                    if ctx.text(v) == "True" {
                        let mut f = ctx.finding(
                            &META,
                            v,
                            "This lxml parser resolves external entities (resolve_entities=True)."
                                .into(),
                        );
                        f.fix = ctx.fix("Disable entity resolution", vec![ctx.edit(v, "False")]);
                        out.push(f);
                    }
                }
            }
            "setFeature" => {
                let (Some(feat), Some(on)) = (args.positional.first(), args.positional.get(1))
                else {
                    continue;
                };
                if ctx.text(*feat).contains("feature_external_ges") && ctx.text(*on) == "True" {
                    let mut f = ctx.finding(
                        &META,
                        call.node,
                        "This SAX parser resolves external general entities.".into(),
                    );
                    f.fix = ctx.fix("Turn the feature off", vec![ctx.edit(*on, "False")]);
                    out.push(f);
                }
            }
            _ => {}
        }
    }
}

/// The standard library's parsers become defusedxml's drop-in equivalents (the import
/// carries the fix); lxml's get an explicit parser that neither resolves entities nor
/// reaches the network.
fn safe_parser(ctx: &PyContext, flow: &Flow) -> Option<Fix> {
    let function = flow.sink.field("function")?;
    let name = last_component(&flow.callee);
    let module = match flow.callee.strip_suffix(name)?.trim_end_matches('.') {
        "xml.etree.ElementTree" | "xml.etree.cElementTree" => "defusedxml.ElementTree",
        "xml.dom.minidom" => "defusedxml.minidom",
        "xml.dom.pulldom" => "defusedxml.pulldom",
        "xml.sax" => "defusedxml.sax",
        "lxml.etree" => {
            let args = Args::of(flow.sink, ctx.src());
            if args.positional.len() != 1 || args.has_splat {
                return None;
            }
            let (owner, imports) = match function.node_kind() {
                "attribute" => (ctx.text(function.field("object")?).to_string(), vec![]),
                _ => ("lxml.etree".to_string(), ctx.imports(&["lxml.etree"])),
            };
            let mut edits = vec![ctx.add_keyword(
                flow.sink,
                &format!("parser={owner}.XMLParser(resolve_entities=False, no_network=True)"),
            )?];
            edits.extend(imports);
            return ctx.fix("Parse with an XMLParser that resolves no entities", edits);
        }
        _ => return None,
    };
    let mut edits = vec![ctx.edit(function, format!("{module}.{name}"))];
    edits.extend(ctx.imports(&[module]));
    ctx.fix(&format!("Parse with {module}"), edits)
}
