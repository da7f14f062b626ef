//! ## CWE-502: deserializers that can run code (`py/audit-deserialization`, audit profile)
//!
//! ### What it does
//! Finds `pickle`/`cPickle`/`dill`/`marshal`/`shelve` loads, `jsonpickle.decode`,
//! `pandas.read_pickle` and `yaml.load`/`yaml.unsafe_load` without a safe loader, on any
//! non-constant data. Only in `--profile audit`; `py/unsafe-deserialization` reports the proven
//! flows.
//!
//! ### Why is this bad?
//! These formats name the objects to build and the calls to make: a crafted input runs code
//! while it is read.
//!
//! ### Example
//! ```python
//! import pickle
//!
//! def restore(blob):
//!     return pickle.loads(blob)
//! ```
//!
//! ### Use instead
//! ```python
//! import json
//!
//! def restore(blob):
//!     return json.loads(blob)
//! ```
//!
//! ### References
//! - MITRE, CWE-502: <https://cwe.mitre.org/data/definitions/502.html>
//! - Bandit B301/B506: <https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html>

use super::PyContext;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/audit-deserialization",
    cwe: crate::Cwe::new(502),
    name: "Deserialization that can run code",
    language: Language::Python,
    severity: Severity::Medium,
    summary: "A deserializer that can run code reads data that is not a constant.",
};

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    ctx.audit_calls(
        &META,
        out,
        |q| {
            matches!(
                q,
                "pickle.loads" | "pickle.load" | "cPickle.loads" | "cPickle.load" | "dill.loads"
                    | "dill.load" | "marshal.loads" | "marshal.load" | "shelve.open"
                    | "jsonpickle.decode" | "pandas.read_pickle" | "yaml.unsafe_load"
                    | "yaml.full_load"
            )
        },
        |a| a.get(0, "data").or_else(|| a.get(0, "file")),
        |q| format!("`{q}` can run code while it reads data that is not a constant."),
    );
    ctx.audit_calls(
        &META,
        out,
        |q| q == "yaml.load",
        |a| {
            let loader = a.get(1, "Loader").map(|l| crate::ast::text(l, ctx.src()));
            if loader.is_some_and(|l| l.contains("Safe")) {
                return None;
            }
            a.get(0, "stream")
        },
        |q| format!("`{q}` without a safe loader can build any object from data that is not a constant."),
    );
}
