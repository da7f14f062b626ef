//! ## CWE-605: a server bound to every interface (`py/audit-bind-all`, audit profile)
//!
//! ### What it does
//! Finds `0.0.0.0` (or `::`) as the address of a `bind((host, port))` call or the `host=` of
//! a server start (`app.run`, `uvicorn.run`, `web.run_app`, `serve`). Only in
//! `--profile audit`: whether the service should be reachable from other hosts is the
//! deployment's decision, which the code does not show.
//!
//! ### Why is this bad?
//! A development server or an internal service bound to every interface answers on public
//! networks too, where nothing was meant to reach it (Bandit B104).
//!
//! ### Example
//! ```python
//! app.run(host="0.0.0.0", port=8000)
//! ```
//!
//! ### Use instead
//! ```python
//! app.run(host="127.0.0.1", port=8000)
//! ```
//!
//! ### References
//! - MITRE, CWE-605: <https://cwe.mitre.org/data/definitions/605.html>
//! - Bandit B104: <https://bandit.readthedocs.io/en/latest/plugins/b104_hardcoded_bind_all_interfaces.html>

use super::PyContext;
use crate::ast::NodeExt;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::python::model::{last_component, string_value, Args};
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/audit-bind-all",
    cwe: crate::Cwe::new(605),
    name: "Server bound to all interfaces",
    language: Language::Python,
    severity: Severity::Low,
    summary: "A socket or server listens on 0.0.0.0, every network the host is on.",
};

fn every_interface(v: Option<String>) -> bool {
    matches!(v.as_deref(), Some("0.0.0.0" | "::" | "0:0:0:0:0:0:0:0"))
}

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    let s = ctx.src();
    for call in &ctx.model.calls {
        let method = last_component(&call.qualname);
        let args = Args::of(call.node, s);
        let host = match method {
            // `sock.bind(("0.0.0.0", 8080))`: the address tuple's first element.
            "bind" => args
                .positional
                .first()
                .filter(|t| t.node_kind() == "tuple")
                .and_then(|t| t.named_child(0)),
            "run" | "run_app" | "serve" | "run_simple" | "make_server" | "start_server"
            | "create_server" => args.keyword("host").or_else(|| {
                // `run_simple("0.0.0.0", …)`, `make_server("0.0.0.0", …)`: host first.
                matches!(method, "run_simple" | "make_server" | "start_server")
                    .then(|| args.positional.first().copied())
                    .flatten()
            }),
            _ => None,
        };
        if let Some(h) = host.filter(|h| every_interface(string_value(*h, s))) {
            out.push(ctx.finding(
                &META,
                h,
                format!(
                    "`{}` listens on every interface; bind to 127.0.0.1 (or the one interface meant) unless the service must be public.",
                    call.qualname
                ),
            ));
        }
    }
}
