//! ## CWE-330: the `random` module (`py/audit-random`, audit profile)
//!
//! ### What it does
//! Finds calls of the `random` module's generators (`random.random`, `randint`, `choice`,
//! `getrandbits` …). Only in `--profile audit`; `py/insecure-randomness` reports them where the
//! value becomes a token, password or key.
//!
//! ### Why is this bad?
//! `random` is a Mersenne Twister: 624 outputs reveal its state and every later value.
//!
//! ### Example
//! ```python
//! import random
//!
//! def reset_code():
//!     return random.randint(100000, 999999)
//! ```
//!
//! ### Use instead
//! ```python
//! import secrets
//!
//! def reset_code():
//!     return secrets.randbelow(900000) + 100000
//! ```
//!
//! ### References
//! - MITRE, CWE-330: <https://cwe.mitre.org/data/definitions/330.html>
//! - Bandit B311: <https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html>

use super::PyContext;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/audit-random",
    cwe: crate::Cwe::new(330),
    name: "Predictable random numbers",
    language: Language::Python,
    severity: Severity::Low,
    summary: "The random module is used where unpredictability may matter.",
};

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    for call in ctx.calls_where(|q| {
        matches!(
            q,
            "random.random" | "random.randint" | "random.randrange" | "random.choice"
                | "random.choices" | "random.getrandbits" | "random.sample" | "random.uniform"
                | "random.shuffle"
        )
    }) {
        out.push(ctx.finding(
            &META,
            call.node,
            format!("`{}` is predictable; use `secrets` where the value must not be guessed.", call.qualname),
        ));
    }
}
