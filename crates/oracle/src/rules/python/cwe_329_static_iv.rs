//! ## CWE-329: static initialization vector (`py/static-iv`)
//!
//! ### What it does
//! Finds block-cipher modes that need a fresh IV/nonce (CBC, CFB, OFB, CTR,
//! GCM) given a constant one: a literal (`b"x" * 16`) or a variable
//! assigned only from literals, in PyCryptodome `AES.new(key, mode, iv)`
//! and `cryptography`'s `modes.CBC(iv)`.
//!
//! ### Why is this bad?
//! With a fixed IV equal plaintext prefixes give equal ciphertext (CBC),
//! and reusing a CTR/GCM nonce reveals the XOR of messages and breaks
//! authentication.
//!
//! ### Example
//! ```python
//! cipher = AES.new(key, AES.MODE_CBC, b"x" * 16)
//! ```
//!
//! ### Use instead
//! ```python
//! iv = os.urandom(16)
//! cipher = AES.new(key, AES.MODE_CBC, iv)
//! ```
//!
//! ### References
//! - MITRE, CWE-329: <https://cwe.mitre.org/data/definitions/329.html>

use super::PyContext;
use crate::ast::text;
use crate::ast::NodeExt;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::python::model::{is_constant, last_component, Args};
use crate::source::Language;
use tree_sitter::Node;

pub static META: RuleMeta = RuleMeta {
    id: "py/static-iv",
    cwe: crate::Cwe::new(329),
    name: "Static initialization vector",
    language: Language::Python,
    severity: Severity::High,
    summary: "A cipher is given a constant IV or nonce.",
};

/// True if `node` is a constant, or a variable every assignment of which
/// in the file is a constant.
fn constant_value(ctx: &PyContext, node: Node) -> bool {
    let src = ctx.src();
    if is_constant(node, src) || fixed_size_expr(node, src) {
        return true;
    }
    if node.node_kind() != "identifier" {
        return false;
    }
    let name = text(node, src);
    let mut values = Vec::new();
    ctx.model.preorder(|n| {
        if n.node_kind() == "assignment" && n.field("left").is_some_and(|l| text(l, src) == name) {
            values.push(n.field("right"));
        }
    });
    !values.is_empty()
        && values
            .iter()
            .all(|v| v.is_some_and(|v| is_constant(v, src) || fixed_size_expr(v, src)))
}

/// `b"x" * AES.block_size`, `b"\0" * BLOCK`: a literal repeated a constant
/// number of times.
fn fixed_size_expr(node: Node, src: &str) -> bool {
    if node.node_kind() != "binary_operator" {
        return false;
    }
    let (Some(l), Some(r)) = (node.field("left"), node.field("right")) else {
        return false;
    };
    let constant_like = |n: Node| {
        is_constant(n, src) || {
            let t = text(n, src);
            let last = t.rsplit('.').next().unwrap_or(t);
            last == "block_size"
                || last
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit())
        }
    };
    constant_like(l) && constant_like(r)
}

pub fn check(ctx: &PyContext, out: &mut Vec<Finding>) {
    let src = ctx.src();
    for call in &ctx.model.calls {
        let q = call.qualname.as_str();
        let args = Args::of(call.node, src);
        let iv = if last_component(q) == "new"
            && (q.starts_with("Crypto.Cipher") || q.starts_with("Cryptodome.Cipher"))
        {
            let mode = args
                .get(1, "mode")
                .map(|m| ctx.text(m).to_string())
                .unwrap_or_default();
            if ![
                "MODE_CBC", "MODE_CFB", "MODE_OFB", "MODE_CTR", "MODE_GCM", "MODE_EAX",
            ]
            .iter()
            .any(|m| mode.ends_with(m))
            {
                continue;
            }
            args.get(2, "iv").or_else(|| args.keyword("nonce"))
        } else if q.contains("modes.")
            && matches!(last_component(q), "CBC" | "CFB" | "OFB" | "CTR" | "GCM")
        {
            args.get(0, "initialization_vector")
                .or_else(|| args.keyword("nonce"))
        } else {
            continue;
        };
        if let Some(iv) = iv {
            if constant_value(ctx, iv) {
                out.push(ctx.finding(
                    &META,
                    iv,
                    "The IV/nonce is a constant; generate a random one per message.".into(),
                ));
            }
        }
    }
}
