//! ## CWE-703: an access check made with `assert` (`py/audit-assert-check`, audit profile)
//!
//! ### What it does
//! Finds `assert` statements whose condition is about who the caller is or what they may
//! do: names like `is_admin`, `is_authenticated`, `has_perm`, `permission`, `role`,
//! `authorized`, `logged_in`, `check_password`, or the session's user. Only in
//! `--profile audit`. Asserts of other invariants are left alone.
//!
//! ### Why is this bad?
//! `python -O` (and any optimised deployment) removes every `assert`: the check vanishes
//! and everyone is let through (Bandit B101).
//!
//! ### Example
//! ```python
//! assert user.is_admin, "admins only"
//! delete_account(target)
//! ```
//!
//! ### Use instead
//! ```python
//! if not user.is_admin:
//!     abort(403)
//! delete_account(target)
//! ```
//!
//! ### References
//! - MITRE, CWE-703: <https://cwe.mitre.org/data/definitions/703.html>
//! - Bandit B101: <https://bandit.readthedocs.io/en/latest/plugins/b101_assert_used.html>

use super::PyContext;
use crate::ast::{self, NodeExt};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "py/audit-assert-check",
    cwe: crate::Cwe::new(703),
    name: "Access check made with assert",
    language: Language::Python,
    severity: Severity::Medium,
    summary: "An authorisation or authentication check is an assert, which -O removes.",
};

fn access_word(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    [
        "is_admin", "admin", "is_authenticated", "authenticated", "authorized", "authorised",
        "has_perm", "permission", "is_staff", "is_superuser", "logged_in", "check_password",
        "verify_password", "role", "is_owner", "can_",
    ]
    .iter()
    .any(|w| n.contains(w))
}

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    ctx.model.preorder(|n| {
        if n.node_kind() != "assert_statement" {
            return;
        }
        // The condition: the first named child (the message, if any, follows it).
        let Some(cond) = n.named_child(0) else { return };
        let mut about_access = false;
        ast::preorder(cond, |x| {
            if about_access {
                return;
            }
            match x.node_kind() {
                "identifier" => about_access |= access_word(ctx.text(x)),
                "string" => {
                    // `session.get("user")`, `session["role"]`: the session's identity keys.
                    let t = ctx.text(x).trim_matches(|c| c == '"' || c == '\'');
                    about_access |= ast::ancestor(x, &["call", "subscript"])
                        .is_some_and(|p| ctx.text(p).starts_with("session"))
                        && (access_word(t) || matches!(t, "user" | "user_id" | "username"));
                }
                _ => {}
            }
        });
        if about_access {
            out.push(ctx.finding(
                &META,
                n,
                "This access check is an `assert`: `python -O` removes it, letting every caller through.".to_string(),
            ));
        }
    });
}
