//! Counts that a read call returned: `got = recv(sock, packet, sizeof packet, 0)` stores how
//! many bytes the peer sent, which the peer decides, up to the call's length argument. Such a
//! count is not "input" to the taint engine (it cannot exceed that length), so it is judged by
//! its bound instead: copying or looping `got` bytes into a 16-byte array overruns it when the
//! read allowed 256, however the count was tested against 0 for errors (`if (got <= 0)`).

use crate::ast::{self, text, NodeExt};
use crate::c::model::{call_args, sizeof_operand, squeezed, strip_parens_casts, CFunction};
use crate::rules::c::CContext;
use tree_sitter::Node;

/// What a read call's result counts, at most its length argument (by index): bytes for
/// `recv`/`read`, items for `fread(buf, size, n, f)`.
fn length_arg(name: &str) -> Option<usize> {
    match name {
        "recv" | "recvfrom" | "read" | "pread" | "fread" => Some(2),
        _ => None,
    }
}

/// A count `var` holds at `at` from a read call: the call and the most it can be.
pub struct Received<'t> {
    pub call: Node<'t>,
    pub name: &'t str,
    pub most: i64,
}

/// `var`'s value at `at`, when its last assignment stored a read call's result whose length
/// argument is known (a constant, `sizeof` a byte array, either minus a constant) and nothing
/// compared `var` with more than 0 or ±1 (an error test) between the call and `at`.
pub fn count_at<'t>(
    ctx: &CContext<'_, 't>,
    func: &CFunction<'t>,
    var: &str,
    at: usize,
) -> Option<Received<'t>> {
    let s = ctx.src();
    let (call, name) = read_call(func, var, at)?;
    let len = *call_args(call).get(length_arg(name)?)?;
    let most = length(ctx, func, len)?;
    let tested = ast::preorder_any(func.node, |n| {
        n.start_byte() > call.end_byte() && n.start_byte() < at && upper_test_of(n, var, s)
    });
    (!tested).then_some(Received { call, name, most })
}

/// `len = snprintf(buf, sizeof buf, "%s-%d", user, id)`: the length the whole output would
/// have taken, which a `%s` of anything but a literal can push past the size the call was
/// given. The call, when `var` last received such a result before `at` and nothing compared
/// it from above since.
pub fn formatted_length_at<'t>(
    ctx: &CContext<'_, 't>,
    func: &CFunction<'t>,
    var: &str,
    at: usize,
) -> Option<Node<'t>> {
    let s = ctx.src();
    let (p, _, _) = func
        .assigns
        .iter()
        .filter(|(p, t, _)| *p < at && t == var)
        .max_by_key(|(p, _, _)| *p)?;
    let call = func
        .calls
        .iter()
        .find(|(c, name)| matches!(*name, "snprintf" | "vsnprintf") && assigned_at(*c) == Some(*p))
        .map(|(c, _)| *c)?;
    let fmt = call_args(call)
        .get(2)
        .and_then(|f| ctx.model.string_value(*f))?;
    let bounded = crate::rules::c::cwe_787_unbounded_write::format_max_len(&fmt).is_some();
    let tested = ast::preorder_any(func.node, |n| {
        n.start_byte() > call.end_byte() && n.start_byte() < at && upper_test_of(n, var, s)
    });
    (!bounded && !tested).then_some(call)
}

/// The read call whose result `var` last received before `at` (its last assignment's value).
fn read_call<'t>(func: &CFunction<'t>, var: &str, at: usize) -> Option<(Node<'t>, &'t str)> {
    let (p, _, _) = func
        .assigns
        .iter()
        .filter(|(p, t, _)| *p < at && t == var)
        .max_by_key(|(p, _, _)| *p)?;
    func.calls
        .iter()
        .find(|(c, name)| length_arg(name).is_some() && assigned_at(*c) == Some(*p))
        .copied()
}

/// `data[len + got / sizeof(char)]` after `got = recv(s, data + len, sizeof(char) * (N - len -
/// 1), 0)`: the end of text appended at `data + len` by a read allowed the room left in `N`
/// elements, so at most `N - 1`: the terminator's place, inside `data` when it holds `N`
/// (or its storage is not known: `N` is then the room the program believes it has, as for
/// the subtraction itself).
pub fn ends_received_text<'t>(
    ctx: &CContext<'_, 't>,
    func: &CFunction<'t>,
    arr: Node<'t>,
    idx: Node<'t>,
    at: usize,
) -> bool {
    let s = ctx.src();
    let idx = strip_parens_casts(idx);
    if idx.node_kind() != "binary_expression"
        || idx.field("operator").map(|o| text(o, s)) != Some("+")
    {
        return false;
    }
    let (Some(l), Some(r)) = (idx.field("left"), idx.field("right")) else {
        return false;
    };
    let Some(array) = crate::c::model::root_name(arr, s) else {
        return false;
    };
    // `got / sizeof(char)`: the count in elements.
    let count = |x: Node<'t>| -> Option<Node<'t>> {
        let x = strip_parens_casts(x);
        if x.node_kind() == "binary_expression"
            && x.field("operator").map(|o| text(o, s)) == Some("/")
            && x.field("right")
                .is_some_and(|d| strip_parens_casts(d).node_kind() == "sizeof_expression")
        {
            x.field("left").map(strip_parens_casts)
        } else {
            Some(x)
        }
        .filter(|c| c.node_kind() == "identifier")
    };
    [(l, r), (r, l)].into_iter().any(|(off, cnt)| {
        let off = strip_parens_casts(off);
        let (Some(cnt), true) = (count(cnt), off.node_kind() == "identifier") else {
            return false;
        };
        let off = text(off, s);
        let Some((call, name)) = read_call(func, text(cnt, s), at) else {
            return false;
        };
        if !matches!(name, "recv" | "recvfrom" | "read" | "pread") {
            return false;
        }
        let args = call_args(call);
        let into = args
            .get(1)
            .map(|b| squeezed(text(strip_parens_casts(*b), s)));
        if into.as_deref() != Some(&format!("({array}+{off})"))
            && into.as_deref() != Some(&format!("{array}+{off}"))
        {
            return false;
        }
        let Some(len) = args.get(2) else { return false };
        // `N - off - 1` somewhere in the length (scaled by `sizeof(char)` or not).
        let mut room = None;
        ast::preorder(*len, |n| {
            if room.is_some()
                || n.node_kind() != "binary_expression"
                || n.field("operator").map(|o| text(o, s)) != Some("-")
                || n.field("right").and_then(|x| ctx.model.const_int(x)) != Some(1)
            {
                return;
            }
            let inner = n.field("left").map(strip_parens_casts);
            let Some(inner) = inner.filter(|i| {
                i.node_kind() == "binary_expression"
                    && i.field("operator").map(|o| text(o, s)) == Some("-")
                    && i.field("right")
                        .is_some_and(|x| text(strip_parens_casts(x), s) == off)
            }) else {
                return;
            };
            room = inner.field("left").and_then(|c| ctx.model.const_int(c));
        });
        let Some(room) = room else { return false };
        crate::c::storage::of(ctx, func, &array, at)
            .is_none_or(|st| st.elements.unwrap_or(st.bytes) >= room)
    })
}

/// The start of the assignment or initialisation whose value is `call` (through parentheses
/// and casts).
fn assigned_at(call: Node) -> Option<usize> {
    let mut n = call.parent_node()?;
    while matches!(
        n.node_kind(),
        "parenthesized_expression" | "cast_expression"
    ) {
        n = n.parent_node()?;
    }
    matches!(n.node_kind(), "assignment_expression" | "init_declarator").then(|| n.start_byte())
}

/// A constant, `sizeof` a byte array, or either minus a constant.
fn length(ctx: &CContext, func: &CFunction, n: Node) -> Option<i64> {
    let n = strip_parens_casts(n);
    if let Some(v) = ctx.model.const_int(n) {
        return Some(v);
    }
    if n.node_kind() == "binary_expression" {
        let op = text(n.field("operator")?, ctx.src());
        let r = ctx.model.const_int(n.field("right")?)?;
        let l = length(ctx, func, n.field("left")?)?;
        return match op {
            "-" => Some(l - r),
            "+" => Some(l + r),
            _ => None,
        };
    }
    let t = squeezed(text(n, ctx.src()));
    func.byte_array_len(ctx.model, sizeof_operand(&t)?)
}

/// A comparison of `var` with something other than -1, 0 or 1: a test that can bound it from
/// above (`got > 16`, `got < n`); `got <= 0`, `got == -1` only tell an error from data.
fn upper_test_of(n: Node, var: &str, s: &str) -> bool {
    if n.node_kind() != "binary_expression" {
        return false;
    }
    let Some(op) = n.field("operator") else {
        return false;
    };
    if !matches!(text(op, s), "<" | "<=" | ">" | ">=" | "==" | "!=") {
        return false;
    }
    let (Some(l), Some(r)) = (n.field("left"), n.field("right")) else {
        return false;
    };
    let is_var = |x: Node| {
        let x = strip_parens_casts(x);
        x.node_kind() == "identifier" && text(x, s) == var
    };
    let small = |x: Node| {
        matches!(
            squeezed(text(strip_parens_casts(x), s)).as_str(),
            "0" | "1" | "-1"
        )
    };
    // `for (k = 0; k < got; k++)` bounds the counter by the count, not the count.
    let mut up = n.parent_node();
    while let Some(p) = up.filter(|p| p.node_kind() == "parenthesized_expression") {
        up = p.parent_node();
    }
    let loop_limit = up
        .is_some_and(|p| matches!(p.node_kind(), "for_statement" | "while_statement"))
        && match text(op, s) {
            "<" | "<=" => is_var(r),
            ">" | ">=" => is_var(l),
            _ => false,
        };
    !loop_limit && ((is_var(l) && !small(r)) || (is_var(r) && !small(l)))
}
