//! ## CWE-125: array read at a signed index checked only from above (`c/negative-index-read`)
//!
//! ### What it does
//! Finds reads `table[i]` of a local or global array where `i` is a signed
//! integer (`int`, `long`, `ssize_t`, `int32_t` …) that the function
//! compares against an upper limit (`if (i >= N) return;`) but never
//! against zero, and that is not a loop counter or a constant.
//!
//! ### Why is this bad?
//! A value read from a file or packet can be negative; `i >= N` lets it
//! through and `table[i]` reads memory before the array. The check looks
//! complete, which is why this survives review (CERT ARR30-C).
//!
//! ### Example
//! ```c
//! static const int sizes[12] = {0};
//! int element_size(const unsigned char *p) {
//!     int format = (p[0] << 8 | p[1]) - 1;
//!     if (format >= 12)
//!         return -1;
//!     return sizes[format];
//! }
//! ```
//!
//! ### Use instead
//! ```c
//! static const int sizes[12] = {0};
//! int element_size(const unsigned char *p) {
//!     int format = (p[0] << 8 | p[1]) - 1;
//!     if (format < 0 || format >= 12)
//!         return -1;
//!     return sizes[format];
//! }
//! ```
//!
//! ### References
//! - MITRE, CWE-125: <https://cwe.mitre.org/data/definitions/125.html>

use super::cwe_125_unchecked_index_read::is_write_or_address;
use super::CContext;
use crate::ast;
use crate::ast::NodeExt;
use crate::c::model::{declarator_name, CFunction};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;
use tree_sitter::Node;

pub static META: RuleMeta = RuleMeta {
    id: "c/negative-index-read",
    cwe: crate::Cwe::new(125),
    name: "Array read at a signed index checked only from above",
    language: Language::C,
    severity: Severity::Medium,
    summary: "A signed index is checked against the array's end but not against zero.",
};

pub fn check(ctx: &CContext, out: &mut Vec<Finding>) {
    negative_indexes(ctx, false, |n, array, var| {
        out.push(ctx.finding(
            &META,
            n,
            format!(
                "`{array}[{var}]`: `{var}` is signed and is checked against the end of the array but never against 0, so a negative value reads before `{array}`."
            ),
        ))
    });
}

/// Calls `report(subscript, array, index)` for each array access at a
/// signed index checked only from above: writes when `writes`, else reads.
/// Shared with `c/negative-index-write`.
pub(crate) fn negative_indexes<'t>(
    ctx: &CContext<'_, 't>,
    writes: bool,
    mut report: impl FnMut(Node<'t>, &str, &str),
) {
    for (func, _) in ctx.functions() {
        func.preorder(|n| {
            if n.node_kind() != "subscript_expression" || is_write_or_address(n) != writes {
                return;
            }
            let (Some(arr), Some(idx)) = (n.field("argument"), n.field("index")) else {
                return;
            };
            if arr.node_kind() != "identifier" || idx.node_kind() != "identifier" {
                return;
            }
            let (array, var) = (ctx.text(arr), ctx.text(idx));
            if !signed_variable(ctx, func, var) {
                return;
            }
            let (upper, lower) = checks_before(ctx, func, var, n.start_byte());
            if !upper || lower || counter_or_constant(ctx, func, var) {
                return;
            }
            if !func.is_array(ctx.model, array) && !pointer_array(ctx, array) {
                return;
            }
            report(n, array, var);
        });
    }
}

/// `name` is declared somewhere in the file as an array of pointers
/// (`const char *names[4]`), which the model's array table leaves out
/// because its elements' sizes are unknown.
fn pointer_array(ctx: &CContext, name: &str) -> bool {
    ast::preorder_any(ctx.model.root, |n| {
        if n.node_kind() != "pointer_declarator" {
            return false;
        }
        let mut d = n;
        while d.node_kind() == "pointer_declarator" {
            match d.field("declarator") {
                Some(x) => d = x,
                None => return false,
            }
        }
        d.node_kind() == "array_declarator"
            && declarator_name(d, ctx.src()).as_deref() == Some(name)
    })
}

/// `var` is a parameter or local declared with a signed integer type.
fn signed_variable(ctx: &CContext, func: &CFunction, var: &str) -> bool {
    let ty = func.declared_type(ctx.src(), var);
    let Some(ty) = ty else { return false };
    let words: Vec<&str> = ty.split_whitespace().collect();
    if words.contains(&"unsigned") {
        return false;
    }
    words.iter().any(|w| {
        matches!(
            *w,
            "int" | "short" | "long" | "signed" | "ssize_t" | "off_t" | "ptrdiff_t" | "intptr_t"
        ) || (w.starts_with("int") && w.ends_with("_t"))
            || matches!(
                *w,
                "gint" | "glong" | "jint" | "Sint32" | "Sint16" | "s32" | "s16" | "s64"
            )
    })
}

/// (compared against an upper limit, compared against a lower one) before `pos`.
fn checks_before(ctx: &CContext, func: &CFunction, var: &str, pos: usize) -> (bool, bool) {
    let (mut upper, mut lower) = (false, false);
    func.preorder(|n| {
        if n.start_byte() >= pos || n.node_kind() != "binary_expression" {
            return;
        }
        let Some(op) = n.field("operator").map(|o| ctx.text(o)) else {
            return;
        };
        if !matches!(op, "<" | "<=" | ">" | ">=" | "==" | "!=") {
            return;
        }
        let (Some(l), Some(r)) = (n.field("left"), n.field("right")) else {
            return;
        };
        // Orient as `var OP other`.
        let (side, other, op) = if mentions(ctx, l, var) {
            (l, r, op)
        } else if mentions(ctx, r, var) {
            (r, l, flip(op))
        } else {
            return;
        };
        // `(unsigned)i < n` and `(size_t)i >= n` reject negatives as well.
        if side.node_kind() == "cast_expression" {
            let t = side.field("type").map(|t| ctx.text(t)).unwrap_or("");
            if t.contains("unsigned")
                || (t.contains("size_t") && !t.contains("ssize_t"))
                || t.starts_with('u')
            {
                upper = true;
                lower = true;
                return;
            }
        }
        // Which values the comparison lets through: in `if (i >= N) return;`
        // it names the rejected ones, in `if (i < N) use(a[i]);` the kept ones.
        let rejects = rejecting(ctx, n);
        match (op, ctx.model.const_int(other)) {
            // Equality says nothing about sign.
            ("==" | "!=", _) => {}
            // `i < 0`, `i >= 0`, `i < 1`, `i > -1`: the sign itself.
            (_, Some(k)) if k <= 1 => lower = true,
            (">" | ">=", _) if rejects => upper = true,
            ("<" | "<=", _) if rejects => lower = true,
            ("<" | "<=", _) => upper = true,
            (">" | ">=", _) => lower = true,
            _ => {}
        }
    });
    (upper, lower)
}

/// The comparison sits (under `||`, `&&`, `!`, parentheses) in the
/// condition of an `if` whose branch leaves: `return`, `break`, `continue`,
/// `goto`, or a call that ends the path ([`crate::c::concepts::ends_path`]:
/// `exit`, `RETURN(1);`, `LOG_TEST_RET(…)`). A `!` flips it.
fn rejecting(ctx: &CContext, cmp: Node) -> bool {
    let mut negated = false;
    let mut cur = cmp;
    while let Some(p) = cur.parent_node() {
        match p.node_kind() {
            "parenthesized_expression" => {}
            "unary_expression" if ctx.text(p).starts_with('!') => negated = !negated,
            "binary_expression"
                if matches!(p.field("operator").map(|o| ctx.text(o)), Some("&&" | "||")) => {}
            "if_statement" if p.field("condition") == Some(cur) => {
                return p.field("consequence").is_some_and(|b| leaves(ctx, b)) != negated;
            }
            _ => return false,
        }
        cur = p;
    }
    false
}

fn leaves(ctx: &CContext, body: Node) -> bool {
    let last = if body.node_kind() == "compound_statement" {
        match ast::named_children(body)
            .into_iter()
            .rev()
            .find(|k| k.node_kind() != "comment")
        {
            Some(k) => k,
            None => return false,
        }
    } else {
        body
    };
    match last.node_kind() {
        "return_statement" | "goto_statement" | "break_statement" | "continue_statement" => true,
        "expression_statement" => last.named_child(0).is_some_and(|c| {
            c.node_kind() == "call_expression"
                && crate::c::concepts::ends_path(ctx.model.call_name(c))
        }),
        _ => false,
    }
}

fn flip(op: &str) -> &str {
    match op {
        "<" => ">",
        "<=" => ">=",
        ">" => "<",
        ">=" => "<=",
        o => o,
    }
}

/// `side` is `var`, `var ± K`, or a cast of one of those.
fn mentions(ctx: &CContext, side: Node, var: &str) -> bool {
    let mut n = side;
    loop {
        match n.node_kind() {
            "identifier" => return ctx.text(n) == var,
            "parenthesized_expression" | "cast_expression" => {
                match n
                    .field("value")
                    .or_else(|| n.named_child(n.named_child_count().saturating_sub(1) as u32))
                {
                    Some(x) => n = x,
                    None => return false,
                }
            }
            "binary_expression"
                if matches!(n.field("operator").map(|o| ctx.text(o)), Some("+" | "-"))
                    && n.field("right")
                        .is_some_and(|r| ctx.model.const_int(r).is_some()) =>
            {
                match n.field("left") {
                    Some(l) => n = l,
                    None => return false,
                }
            }
            _ => return false,
        }
    }
}

/// `var` counts (`i++`, `i += 2`, a `for` initialiser) or only ever holds
/// constants: its range is the loop's, not the input's.
fn counter_or_constant(ctx: &CContext, func: &CFunction, var: &str) -> bool {
    let mut counted = false;
    let mut only_constants = true;
    let mut assigned = false;
    func.preorder(|n| match n.node_kind() {
        "update_expression" if n.field("argument").is_some_and(|a| ctx.text(a) == var) => {
            counted = true;
        }
        "assignment_expression" => {
            let Some(l) = n.field("left") else {
                return;
            };
            if ctx.text(l) != var {
                return;
            }
            assigned = true;
            let op = n.field("operator").map(|o| ctx.text(o));
            if op != Some("=") {
                counted = true;
            } else if n
                .field("right")
                .is_none_or(|r| ctx.model.const_int(r).is_none())
            {
                only_constants = false;
            }
        }
        "init_declarator" => {
            let named = n
                .field("declarator")
                .and_then(|d| declarator_name(d, ctx.src()));
            if named.as_deref() != Some(var) {
                return;
            }
            assigned = true;
            if n.field("value")
                .is_none_or(|v| ctx.model.const_int(v).is_none())
            {
                only_constants = false;
            }
        }
        _ => {}
    });
    // A parameter is never "only constants": its value comes from the caller.
    let is_param = func.param_index(var).is_some();
    counted || (assigned && only_constants && !is_param)
}
