//! Loops whose counter runs up to a value that may come from input, and whether that value
//! can take the counter past a fixed array: the analysis shared by
//! `c/input-bounded-loop-write` (CWE-787) and `c/input-bounded-loop-read` (CWE-125).
//!
//! Two shapes are judged. In the first, the array is fixed storage of the looping function
//! and the limit is input that function never bounded. In the second — the classic textbook
//! shape of one function per step — the loop runs in a helper over a pointer parameter up to
//! a count parameter (`fill(int *dst, int n)`), and some caller in the file passes a fixed
//! array and a count read from input that it never compared before the call.

use crate::ast::{self, text, NodeExt};
use crate::c::concepts::src;
use crate::c::model::{
    call_args, root_name, sizeof_operand, squeezed, strip_parens_casts, unqualified, CFunction,
};
use crate::c::received;
use crate::c::taint::FunctionTaint;
use crate::rules::c::cwe_787_unchecked_index_write::is_written;
use crate::rules::c::CContext;
use tree_sitter::Node;

/// A `for`/`while` loop whose condition is one comparison of a counter with a limit.
pub struct CountedLoop<'t> {
    pub node: Node<'t>,
    pub body: Node<'t>,
    pub counter: &'t str,
    pub limit: Node<'t>,
}

/// The counted loops of a function, in source order.
pub fn counted_loops<'t>(func: &CFunction<'t>, s: &'t str) -> Vec<CountedLoop<'t>> {
    func.nodes
        .iter()
        .filter(|n| matches!(n.node_kind(), "for_statement" | "while_statement"))
        .filter_map(|&n| {
            let (cond, body) = (n.field("condition")?, n.field("body")?);
            let (counter, limit) = counter_and_limit(cond, s)?;
            Some(CountedLoop {
                node: n,
                body,
                counter,
                limit,
            })
        })
        .collect()
}

/// `arr[counter]` subscripts in the loop's body: (subscript, array expression).
pub fn counter_subscripts<'t>(lp: &CountedLoop<'t>, s: &str) -> Vec<(Node<'t>, Node<'t>)> {
    let mut out = Vec::new();
    ast::preorder(lp.body, |w| {
        if w.node_kind() != "subscript_expression" {
            return;
        }
        if let (Some(arr), Some(idx)) = (w.field("argument"), w.field("index")) {
            if idx.node_kind() == "identifier" && text(idx, s) == lp.counter {
                out.push((w, arr));
            }
        }
    });
    out
}

/// [`counter_subscripts`] plus subscripts at the counter less a constant (`args[i - 1]` in
/// `for (i = 1; i < argc; i++)`): for rules that judge the limit's origin, not its value, a
/// constant shift does not change whether input decides how far the loop writes.
pub fn shifted_counter_subscripts<'t>(lp: &CountedLoop<'t>, s: &str) -> Vec<(Node<'t>, Node<'t>)> {
    let mut out = counter_subscripts(lp, s);
    ast::preorder(lp.body, |w| {
        if w.node_kind() != "subscript_expression" {
            return;
        }
        let (Some(arr), Some(idx)) = (w.field("argument"), w.field("index")) else {
            return;
        };
        let idx = strip_parens_casts(idx);
        let shifted = idx.node_kind() == "binary_expression"
            && idx.field("operator").is_some_and(|o| text(o, s) == "-")
            && idx
                .field("left")
                .is_some_and(|l| l.node_kind() == "identifier" && text(l, s) == lp.counter)
            && idx
                .field("right")
                .is_some_and(|r| r.node_kind() == "number_literal");
        if shifted {
            out.push((w, arr));
        }
    });
    out
}

/// The subscript is written: directly (`a[i] = …`, `a[i]++`), by a scan (`fscanf(f, "%d",
/// &a[i])`), or through an element of it
/// (`a[i][0] = …`, `a[i].len = …`).
pub fn is_write(sub: Node, s: &str) -> bool {
    if scanned_into(sub, s) {
        return true;
    }
    let mut n = sub;
    while let Some(p) = n.parent_node() {
        let through = match p.node_kind() {
            "subscript_expression" | "field_expression" => p.field("argument") == Some(n),
            "parenthesized_expression" => true,
            _ => false,
        };
        if !through {
            break;
        }
        n = p;
    }
    is_written(n)
}

/// `&a[i]` handed to a `scanf`-family call after its format: the call stores there.
fn scanned_into(sub: Node, s: &str) -> bool {
    let Some(addr) = sub.parent_node().filter(|p| {
        p.node_kind() == "pointer_expression"
            && p.field("operator").is_some_and(|o| text(o, s) == "&")
    }) else {
        return false;
    };
    let Some(call) = addr
        .parent_node()
        .filter(|a| a.node_kind() == "argument_list")
        .and_then(|a| a.parent_node())
        .filter(|c| c.node_kind() == "call_expression")
    else {
        return false;
    };
    let from = match crate::c::model::call_name(call, s) {
        "scanf" | "wscanf" => 1,
        "fscanf" | "sscanf" | "fwscanf" | "swscanf" => 2,
        _ => return false,
    };
    call_args(call)
        .iter()
        .skip(from)
        .any(|a| a.start_byte() == addr.start_byte())
}

/// Why the loop can run past `array` (the subscripted expression), as the end of a finding's
/// message, or `None` when nothing says it can.
pub fn overrun(
    ctx: &CContext,
    func: &CFunction,
    taint: &FunctionTaint,
    lp: &CountedLoop,
    array: Node,
) -> Option<String> {
    let s = ctx.src();
    let name = text(array, s);
    if ctx.model.const_int(lp.limit).is_some() {
        return None;
    }
    let limit = strip_parens_casts(lp.limit);
    // A count a read call returned: bounded by what the read allowed, not by a test.
    if limit.node_kind() == "identifier" {
        let count = received::count_at(ctx, func, text(limit, s), lp.node.start_byte());
        if let (Some(r), Some(cap)) = (count, func.byte_array_len(ctx.model, name)) {
            return (r.most > cap).then(|| {
                format!(
                    "in a loop that runs up to `{}`, the count `{}` returned (line {}), which can reach {}; `{name}` holds {cap}.",
                    text(limit, s),
                    r.name,
                    ctx.line(r.call),
                    r.most
                )
            });
        }
    }
    // A count parameter the function neither bounds nor reassigns before the loop: what
    // each caller passes decides (the caller may have bounded it).
    let count_param = (limit.node_kind() == "identifier")
        .then(|| func.param_index(text(limit, s)))
        .flatten()
        .filter(|_| {
            let v = text(limit, s);
            let at = lp.node.start_byte();
            !func.assigns.iter().any(|(p, t, _)| *p < at && t == v)
        });
    if count_param.is_some() && func.bounded_before(text(limit, s), lp.node.start_byte()) {
        return None;
    }
    // A pointer to known storage (`int *v = malloc(10 * sizeof(int))`, `new int[10]`, an
    // alias of an array) is as fixed as an array for a count read in this function.
    // Not a parameter (its storage is each caller's), and not a limit measured on the same
    // storage (`i < strlen(str)` reads `str` up to its terminator).
    let fixed = func.array_len(ctx.model, name).is_some();
    if !fixed
        && count_param.is_none()
        && array.node_kind() == "identifier"
        && func.param_index(name).is_none()
        && !crate::c::model::identifiers(lp.limit, s)
            .iter()
            .any(|i| i == name)
        && crate::c::storage::of(ctx, func, name, lp.node.start_byte()).is_some()
    {
        let unbounded = taint.of(lp.limit, s).is(src::LOCAL | src::REMOTE)
            && !limit_bounded(func, lp.limit, lp.node.start_byte(), s);
        return unbounded.then(|| {
            format!(
                "in a loop that runs up to `{}`, which comes from untrusted data and is never bounded by the size of the storage `{name}` points to.",
                text(lp.limit, s)
            )
        });
    }
    // `len = strlen(buf); for (i = 0; i < len; i++) buf[i]`: the loop stays inside the
    // string it measured.
    if limit.node_kind() == "identifier"
        && crate::c::storage::last_value(func, text(limit, s), lp.node.start_byte(), s).is_some_and(
            |v| {
                let v = crate::c::model::strip_all_casts(v, s);
                crate::c::model::is_length_of(&crate::c::model::squeezed(text(v, s)), name)
            },
        )
    {
        return None;
    }
    if fixed {
        if let Some(li) = count_param {
            let own = func.byte_array_len(ctx.model, name);
            let (call, _) = unbounded_call(ctx, func, li, None, own)?;
            return Some(format!(
                "in a loop that runs up to `{}`: `{}` (line {}) passes a count from untrusted data that it never bounded by the array's size.",
                text(lp.limit, s),
                text(call, s),
                ctx.line(call)
            ));
        }
        let unbounded = taint.of(lp.limit, s).is(src::LOCAL | src::REMOTE)
            && !limit_bounded(func, lp.limit, lp.node.start_byte(), s);
        return unbounded.then(|| {
            format!(
                "in a loop that runs up to `{}`, which comes from untrusted data and is never bounded by the array's size.",
                text(lp.limit, s)
            )
        });
    }
    // A helper's pointer parameter run up to a count it read itself (`fscanf(f, "%d",
    // &count); for (i = 0; i < count; i++) out[i] = …`): too far for the fixed array a
    // caller passes.
    let ai = func.param_index(name)?;
    if count_param.is_none()
        && !measured_on(func, lp.limit, name, lp.limit.start_byte(), s)
        && taint.of(lp.limit, s).is(src::LOCAL | src::REMOTE)
        && !limit_bounded(func, lp.limit, lp.node.start_byte(), s)
    {
        let (call, passed) = fixed_array_call(ctx, func, ai)?;
        return Some(format!(
            "in a loop that runs up to `{}`, which comes from untrusted data and is never bounded, while `{}` (line {}) passes the fixed array `{passed}`.",
            text(lp.limit, s),
            text(call, s),
            ctx.line(call)
        ));
    }
    // A helper's pointer parameter run up to a count parameter: judged at each call site.
    let (call, passed) = unbounded_call(ctx, func, count_param?, Some(ai), None)?;
    Some(format!(
        "in a loop that runs up to `{}`: `{}` (line {}) passes the fixed array `{}` and a count from untrusted data that it never bounded by the array's size.",
        text(lp.limit, s),
        text(call, s),
        ctx.line(call),
        passed.unwrap_or_default()
    ))
}

/// The loop limit is measured on `array` itself: it names it (`i < strlen(str)`) or a
/// variable set from it (`len = strlen(str); … i < len / 2`). Such a loop walks the
/// string the array holds, however untrusted its content.
fn measured_on(func: &CFunction, limit: Node, array: &str, at: usize, s: &str) -> bool {
    let mut names = crate::c::model::identifiers(limit, s);
    // Through up to three assignments: `end = length - 1`, `length = strlen(str)`.
    for _ in 0..3 {
        if names.iter().any(|v| v == array) {
            return true;
        }
        names = names
            .iter()
            .filter_map(|v| crate::c::storage::last_value(func, v, at, s))
            .flat_map(|val| crate::c::model::identifiers(val, s))
            .collect();
    }
    names.iter().any(|v| v == array)
}

/// A call of `func` in this file that passes a fixed array of its caller as argument `ai`:
/// the call and the array's name.
fn fixed_array_call<'t>(
    ctx: &CContext<'_, 't>,
    func: &CFunction,
    ai: usize,
) -> Option<(Node<'t>, String)> {
    let s = ctx.src();
    ctx.model.calls_of(&func.name).find_map(|(caller, call)| {
        let name = call_args(call).get(ai).and_then(|a| root_name(*a, s))?;
        caller.array_len(ctx.model, &name).map(|_| (call, name))
    })
}

/// A call of `func` in this file whose argument `li` is input its caller never bounded
/// before the call, and (when `ai` is given) whose argument `ai` is the caller's fixed
/// array: the call, and that array's name. A count a read call returned counts when it can
/// exceed the array's bytes (the caller's array, or `own`: the helper's).
fn unbounded_call<'t>(
    ctx: &CContext<'_, 't>,
    func: &CFunction,
    li: usize,
    ai: Option<usize>,
    own: Option<i64>,
) -> Option<(Node<'t>, Option<String>)> {
    let s = ctx.src();
    for (caller, caller_taint) in ctx.functions() {
        for &(call, callee) in &caller.calls {
            // `fill(…)`, or as a method or namespace member: `b.fill(…)`, `util::fill(…)`.
            if callee != func.name && unqualified(callee) != func.name {
                continue;
            }
            let args = call_args(call);
            let Some(&count_arg) = args.get(li) else {
                continue;
            };
            let passed = match ai {
                Some(ai) => {
                    let Some(name) = args.get(ai).and_then(|a| root_name(*a, s)) else {
                        continue;
                    };
                    if caller.array_len(ctx.model, &name).is_none() {
                        continue;
                    }
                    Some(name)
                }
                None => None,
            };
            let received = Some(strip_parens_casts(count_arg))
                .filter(|c| c.node_kind() == "identifier")
                .and_then(|c| received::count_at(ctx, caller, text(c, s), call.start_byte()));
            if let Some(r) = received {
                let cap = match &passed {
                    Some(name) => caller.byte_array_len(ctx.model, name),
                    None => own,
                };
                if cap.is_some_and(|cap| r.most > cap) {
                    return Some((call, passed));
                }
                continue;
            }
            if ctx.model.const_int(count_arg).is_some()
                || !caller_taint.of(count_arg, s).is(src::LOCAL | src::REMOTE)
                || limit_bounded(caller, count_arg, call.start_byte(), s)
            {
                continue;
            }
            return Some((call, passed));
        }
    }
    None
}

/// The tightest constant the loop condition puts above `counter`, as an exclusive bound
/// (`i < 64` → 64, `i <= 63` → 64, `i < (int)sizeof big` → big's size for a byte array),
/// over every `&&` conjunct; `None` when no conjunct bounds it by a known constant or the
/// condition holds an `||`.
pub fn constant_bound(ctx: &CContext, func: &CFunction, cond: Node, counter: &str) -> Option<i64> {
    let s = ctx.src();
    let mut best: Option<i64> = None;
    let mut stack = vec![cond];
    while let Some(c) = stack.pop() {
        match c.node_kind() {
            "parenthesized_expression" => stack.extend(c.named_child(0)),
            "binary_expression" => {
                let op = text(c.field("operator")?, s);
                let (l, r) = (c.field("left")?, c.field("right")?);
                let bound = match op {
                    "&&" => {
                        stack.push(l);
                        stack.push(r);
                        continue;
                    }
                    "||" => return None,
                    "<" | "<=" if is_counter(l, counter, s) => {
                        value(ctx, func, r).map(|v| v + i64::from(op == "<="))
                    }
                    ">" | ">=" if is_counter(r, counter, s) => {
                        value(ctx, func, l).map(|v| v + i64::from(op == ">="))
                    }
                    _ => None,
                };
                if let Some(b) = bound {
                    best = Some(best.map_or(b, |x| x.min(b)));
                }
            }
            _ => {}
        }
    }
    best
}

fn is_counter(n: Node, counter: &str, s: &str) -> bool {
    let n = strip_parens_casts(n);
    n.node_kind() == "identifier" && text(n, s) == counter
}

/// A constant, `sizeof` of a fixed byte-sized array (its element count for `char`s), or the
/// length of a string of known largest length: `strlen(dest)`, or a variable last set to it
/// (`destLen = strlen(dest); for (i = 0; i < destLen; i++)`), where `dest` was terminated at a
/// constant index or is a fixed array (its size less the terminator).
pub(crate) fn value(ctx: &CContext, func: &CFunction, n: Node) -> Option<i64> {
    let s = ctx.src();
    let n = strip_parens_casts(n);
    if let Some(v) = ctx.model.const_int(n) {
        return Some(v);
    }
    // `strlen(source) + 1`, `destLen - 1`: a known value and a constant.
    if n.node_kind() == "binary_expression" {
        let op = text(n.field("operator")?, s);
        let (l, r) = (n.field("left")?, n.field("right")?);
        let k = ctx.model.const_int(r)?;
        return match op {
            "+" => value(ctx, func, l)?.checked_add(k),
            "-" => value(ctx, func, l)?.checked_sub(k),
            _ => None,
        };
    }
    let t = squeezed(text(n, s));
    if let Some(len) = sizeof_operand(&t).and_then(|x| func.byte_array_len(ctx.model, x)) {
        return Some(len);
    }
    let call = if n.node_kind() == "identifier" {
        strip_parens_casts(crate::c::storage::last_value(func, &t, n.start_byte(), s)?)
    } else {
        n
    };
    if call.node_kind() != "call_expression"
        || !matches!(ctx.model.call_name(call), "strlen" | "wcslen")
    {
        return None;
    }
    let arg = strip_parens_casts(*call_args(call).first()?);
    if arg.node_kind() != "identifier" {
        return None;
    }
    let name = text(arg, s);
    crate::c::storage::longest_string(ctx, func, name, call.start_byte()).or_else(|| {
        crate::c::storage::of(ctx, func, name, call.start_byte())
            .filter(|st| st.array)
            .and_then(|st| st.elements)
            .map(|e| e - 1)
    })
}

/// `i < n`, `i <= n`, `n > i`, `n >= i` (or `i != n`): the counter and its limit, when the
/// condition is that one comparison (a second test, `i < n && i < 10`, may be the bound).
fn counter_and_limit<'t>(cond: Node<'t>, s: &'t str) -> Option<(&'t str, Node<'t>)> {
    let mut c = cond;
    while c.node_kind() == "parenthesized_expression" {
        c = c.named_child(0)?;
    }
    if c.node_kind() != "binary_expression" {
        return None;
    }
    let op = text(c.field("operator")?, s);
    let (l, r) = (c.field("left")?, c.field("right")?);
    let (counter, limit) = match op {
        "<" | "<=" | "!=" => (l, r),
        ">" | ">=" => (r, l),
        _ => return None,
    };
    (counter.node_kind() == "identifier").then(|| (text(counter, s), limit))
}

/// The limit (or each variable in it) was compared before `at`.
fn limit_bounded(func: &CFunction, limit: Node, at: usize, s: &str) -> bool {
    let mut vars = Vec::new();
    ast::preorder(limit, |n| {
        if n.node_kind() == "identifier" {
            vars.push(text(n, s));
        }
    });
    !vars.is_empty() && vars.iter().any(|v| func.bounded_before(v, at))
}

/// The loop body compares the counter (a `break` or `return` guard may bound it), so a
/// constant loop bound alone does not say how far the counter goes.
pub fn counter_tested_in(body: Node, counter: &str, s: &str) -> bool {
    ast::preorder_any(body, |n| {
        n.node_kind() == "binary_expression"
            && matches!(
                n.field("operator").map(|o| text(o, s)),
                Some("<" | "<=" | ">" | ">=" | "==")
            )
            && [n.field("left"), n.field("right")]
                .into_iter()
                .flatten()
                .any(|x| x.node_kind() == "identifier" && text(x, s) == counter)
    })
}
