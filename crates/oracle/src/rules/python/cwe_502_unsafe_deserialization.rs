//! ## CWE-502: deserialization of untrusted data (`py/unsafe-deserialization`)
//!
//! ### What it does
//! Finds `pickle`/`cPickle`/`dill`/`marshal`/`shelve`/`jsonpickle` loads and
//! `yaml.load` without a safe `Loader` (also `yaml.unsafe_load`,
//! `full_load`) applied to request data, command-line input, or data passed
//! in by a caller; and any `yaml.load` without a safe `Loader`, whatever
//! the data's origin.
//!
//! ### Why is this bad?
//! Unpickling runs constructors chosen by the data: a crafted payload
//! (`__reduce__` returning `os.system`) executes code on load.
//!
//! ### Example
//! ```python
//! data = request.get_data()
//! obj = pickle.loads(data)
//! config = yaml.load(text)
//! ```
//!
//! ### Use instead
//! ```python
//! obj = json.loads(data)
//! config = yaml.safe_load(text)
//! ```
//!
//! ### References
//! - MITRE, CWE-502: <https://cwe.mitre.org/data/definitions/502.html>

use super::{report_flows, PyContext};
use crate::ast::NodeExt;
use crate::finding::Fix;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::python::concepts::SinkKind;
use crate::python::model::Args;
use crate::python::taint::Flow;
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/unsafe-deserialization",
    cwe: crate::Cwe::new(502),
    name: "Deserialization of user-controlled data",
    language: Language::Python,
    severity: Severity::Critical,
    summary: "Untrusted data is deserialized with a format that can run code.",
};

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    // `yaml.load` without a safe Loader constructs arbitrary Python objects
    // whatever the data's origin (PyYAML 6 even refuses a missing Loader).
    let flowed: Vec<usize> = ctx
        .flows_of(SinkKind::Deserialize)
        .map(|f| f.sink.start_byte())
        .collect();
    for call in ctx.calls_where(|q| matches!(q, "yaml.load" | "yaml.load_all")) {
        if flowed.contains(&call.node.start_byte()) {
            continue;
        }
        let args = Args::of(call.node, ctx.src());
        let Some(data) = args.get(0, "stream") else {
            continue;
        };
        if crate::python::model::is_constant(data, ctx.src()) {
            continue;
        }
        let loader = args
            .get(1, "Loader")
            .map(|l| ctx.model.qualname(l))
            .unwrap_or_default();
        let last = crate::python::model::last_component(&loader);
        if last.contains("Safe") || last == "BaseLoader" {
            continue;
        }
        let mut f = ctx.finding(
            &META,
            call.node,
            format!(
                "`{}` without a safe Loader can construct arbitrary Python objects.",
                call.qualname
            ),
        );
        if call.qualname == "yaml.load" && args.positional.len() == 1 && args.keywords.is_empty() {
            if let Some(attr) = call
                .node
                .field("function")
                .and_then(|f| f.field("attribute"))
            {
                f.fix = ctx.fix("Use yaml.safe_load", vec![ctx.edit(attr, "safe_load")]);
            }
        }
        out.push(f);
    }
    report_flows(
        ctx,
        out,
        &META,
        SinkKind::Deserialize,
        "The data loaded by",
        |flow| data_only_loader(ctx, flow),
    );
}

/// The loader that reads data and never code: `yaml.safe_load` for YAML, JSON for the
/// pickle family (a format that can carry only data, so the import carries the fix).
/// Only a call with the data as its one positional argument is rewritten.
fn data_only_loader(ctx: &PyContext, flow: &Flow) -> Option<Fix> {
    let args = Args::of(flow.sink, ctx.src());
    let data = *args.positional.first()?;
    if args.positional.len() != 1 || args.has_splat {
        return None;
    }
    let (call, module) = match flow.callee.as_str() {
        "yaml.load" | "yaml.unsafe_load" | "yaml.full_load" if args.keywords.is_empty() => {
            let attr = flow.sink.field("function")?.field("attribute")?;
            return ctx.fix("Use yaml.safe_load", vec![ctx.edit(attr, "safe_load")]);
        }
        "pickle.loads" | "cPickle.loads" | "_pickle.loads" | "dill.loads" | "cloudpickle.loads"
        | "marshal.loads" | "jsonpickle.decode" => ("json.loads", "json"),
        "pickle.load" | "cPickle.load" | "dill.load" | "marshal.load" => ("json.load", "json"),
        _ => return None,
    };
    let mut edits = vec![ctx.edit(flow.sink, format!("{call}({})", ctx.text(data)))];
    edits.extend(ctx.imports(&[module]));
    ctx.fix(
        "Load JSON, which carries data only, instead of a format that can run code",
        edits,
    )
}
