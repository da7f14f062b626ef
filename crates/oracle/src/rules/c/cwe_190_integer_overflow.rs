//! ## CWE-190: unchecked arithmetic on untrusted values (`c/integer-overflow`)
//!
//! ### What it does
//! Finds additions, subtractions and multiplications on values from
//! `argv`/`atoi`, input, or `rand()` with no range check before them, and
//! allocation sizes computed by a multiplication (`malloc(n * size)`) or an
//! addition to an untrusted value that nothing bounds.
//!
//! ### Why is this bad?
//! The result wraps around: a huge count becomes a tiny allocation that the
//! following loop overflows, or a signed value turns negative.
//!
//! ### Example
//! ```c
//! int value = atoi(argv[1]);
//! int total = value + 1000;
//! ```
//!
//! ### Use instead
//! ```c
//! long value = strtol(argv[1], NULL, 10);
//! if (value > INT_MAX - 1000) return 1;
//! int total = (int)value + 1000;
//! ```
//!
//! ### References
//! - MITRE, CWE-190: <https://cwe.mitre.org/data/definitions/190.html>

use super::is_integer_type;
use super::CContext;
use crate::ast::NodeExt;
use crate::ast::{self, text};
use crate::c::concepts::src;
use crate::c::model::CFunction;
use crate::c::model::{call_args, identifiers, squeezed};
use crate::c::taint::FunctionTaint;
use crate::finding::Fix;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;
use tree_sitter::Node;

pub static META: RuleMeta = RuleMeta {
    id: "c/integer-overflow",
    cwe: crate::Cwe::new(190),
    name: "User-controlled data in arithmetic expression",
    language: Language::C,
    severity: Severity::High,
    summary: "Arithmetic on untrusted values can overflow.",
};

const UNTRUSTED: u32 = src::LOCAL | src::REMOTE | src::RANDOM;

pub fn check(ctx: &CContext, out: &mut Vec<Finding>) {
    let s = ctx.src();
    for (func, taint) in ctx.functions() {
        let unbounded = |e: Node, t: &FunctionTaint, bits: u32| -> bool {
            if !t.of(e, s).is(bits) {
                return false;
            }
            let vars: Vec<String> = identifiers(e, s)
                .into_iter()
                .filter(|v| t.var(v).is(bits))
                .collect();
            if vars.is_empty() {
                // Direct source: `atoi(argv[1]) + 1`, `rand() * 10`.
                return true;
            }
            vars.iter().all(|v| !func.bounded_before(v, e.start_byte()))
        };
        let mut reported = Vec::new();
        func.preorder(|n| {
            // Allocation sizes.
            if n.node_kind() == "call_expression" {
                let name = ctx.model.call_name(n);
                let size_arg = match name {
                    "malloc" | "alloca" | "kmalloc" | "xmalloc" => call_args(n).first().copied(),
                    "realloc" => call_args(n).get(1).copied(),
                    _ => None,
                };
                // Any allocator (`opj_calloc`, `av_malloc` …) whose size is a
                // product of two or more run-time values.
                let lname = name.to_ascii_lowercase();
                if lname.contains("alloc") {
                    for arg in call_args(n) {
                        let factors = variable_factors(arg, ctx);
                        if factors.len() >= 2
                            && !widened_pair(ctx, func, arg, &factors)
                            && factors.iter().all(|f| {
                                !func.bounded_before(f, n.start_byte())
                                    && !constant_valued(ctx, func, f, n.start_byte())
                            })
                            && !reported.contains(&arg.start_byte())
                        {
                            reported.push(arg.start_byte());
                            let mut f = ctx.finding(
                                &META,
                                arg,
                                format!("The size passed to `{name}` multiplies run-time values ({}) that nothing checks for overflow.", factors.join(", ")),
                            );
                            if name == "malloc" {
                                f.fix = counted_allocation(ctx, n, arg);
                            }
                            out.push(f);
                        }
                    }
                }
                if let Some(size) = size_arg.filter(|a| !reported.contains(&a.start_byte())) {
                    if let Some(op) = size.field("operator").map(|o| text(o, s)) {
                        let is_mul = op == "*" && size.node_kind() == "binary_expression";
                        let non_const = identifiers(size, s)
                            .iter()
                            .any(|v| !ctx.model.defines.contains_key(v));
                        let widened = is_mul
                            && (widened_pair(ctx, func, size, &variable_factors(size, ctx))
                                || positive_times_sizeof(ctx, func, size, n.start_byte()));
                        if (is_mul && non_const && !widened && unbounded(size, taint, UNTRUSTED))
                            || (op == "+"
                                && unbounded(size, taint, UNTRUSTED)
                                && !only_lengths(func, size, s))
                        {
                            reported.push(size.start_byte());
                            let mut f = ctx.finding(&META, size, format!("The size passed to `{name}` can overflow before the allocation."));
                            if name == "malloc" && is_mul {
                                f.fix = counted_allocation(ctx, n, size);
                            }
                            out.push(f);
                        }
                    }
                }
            }
            // `total++` / `--count` on an untrusted value: the same wrap as `total + 1`.
            if n.node_kind() == "update_expression" {
                if let Some(a) = n.field("argument") {
                    // A loop's own step (`for (…; …; i++, j--)`) walks a range the loop's
                    // test bounds.
                    let loop_step = ast::ancestor(n, &["for_statement"]).is_some_and(|f| {
                        f.field("body").is_none_or(|b| !ast::contains(b, n))
                    });
                    let step = if ctx.text(n).contains("++") { "++" } else { "--" };
                    let limit = limit_reached(step, taint.of(a, s).src).unwrap_or(0);
                    if a.node_kind() == "identifier"
                        && !loop_step
                        && !in_condition_or_index(n)
                        && ((taint.of(a, s).is(UNTRUSTED) && unbounded(a, taint, UNTRUSTED))
                            || (limit != 0 && unbounded(a, taint, limit)))
                    {
                        out.push(ctx.finding(
                            &META,
                            n,
                            format!(
                                "`{}` changes an untrusted value without a range check and may overflow.",
                                text(n, s)
                            ),
                        ));
                    }
                }
                return;
            }
            // `MULT(n, 16)` with `#define MULT(a, b) ((a) * (b))`: the product it expands to.
            if n.node_kind() == "call_expression" {
                let name = text(n.field("function").unwrap_or(n), s);
                let Some(op) = ctx.model.macros.arithmetic(name) else {
                    return;
                };
                let args = call_args(n);
                if op != "-"
                    && !in_condition_or_index(n)
                    && args.len() == 2
                    && args.iter().all(|a| {
                        ctx.model.const_int(*a).is_some() || a.node_kind() == "identifier"
                    })
                    && args
                        .iter()
                        .any(|a| taint.of(*a, s).is(UNTRUSTED) && unbounded(*a, taint, UNTRUSTED))
                {
                    out.push(ctx.finding(
                        &META,
                        n,
                        format!(
                            "`{}` (the macro applies `{op}`) uses an untrusted value without a range check and may overflow.",
                            text(n, s)
                        ),
                    ));
                }
                return;
            }
            let op_node = match n.node_kind() {
                "binary_expression" => n.field("operator"),
                "assignment_expression" => n.field("operator"),
                _ => None,
            };
            let Some(op) = op_node.map(|o| text(o, s)) else {
                return;
            };
            if !matches!(op, "+" | "-" | "*" | "+=" | "-=" | "*=") {
                return;
            }
            if reported.iter().any(|&p| p == n.start_byte()) || in_condition_or_index(n) {
                return;
            }
            let (Some(l), Some(r)) = (
                n.field("left"),
                n.field("right"),
            ) else {
                return;
            };
            // C++ string concatenation (`"ls " + line`) is no arithmetic.
            if matches!(op, "+" | "+=") && (is_string(func, l, s) || is_string(func, r, s)) {
                return;
            }
            // Pointer arithmetic on argv (argv + 1) is not integer overflow,
            // and `strlen(s) - 1` cannot overflow (a length minus a constant).
            if text(l, s) == "argv" {
                return;
            }
            if matches!(op, "-" | "-=")
                && ctx.model.const_int(r).is_some()
                && (l.node_kind() == "call_expression"
                    && matches!(
                        ctx.model.call_name(l),
                        "strlen" | "wcslen" | "strnlen"
                    )
                    || l.node_kind() == "identifier" && holds_length(func, text(l, s), n, s))
            {
                return;
            }
            // `sizeof(buf) - strlen(buf) - 1`: the room left in a buffer is never negative
            // while its string is terminated inside it.
            if room_left(n, s) || (matches!(op, "-") && room_left(l, s) && ctx.model.const_int(r).is_some()) {
                return;
            }
            // `100 - dataLen - 1` with `dataLen = strlen(data)` and `data` 100 bytes or less:
            // the same room, spelled with the buffer's size as a number.
            if constant_room(ctx, func, n, 1)
                || (matches!(op, "-")
                    && constant_room(ctx, func, l, 0)
                    && ctx.model.const_int(r).is_some())
            {
                return;
            }
            // `sizeof(char) * (100 - dataLen - 1)`: the room left (never negative, at most the
            // buffer's size) scaled by an element's size is a byte count of that buffer.
            if op == "*" {
                let room = |x: Node| {
                    let x = crate::c::model::strip_parens_casts(x);
                    constant_room(ctx, func, x, 1)
                        || room_left(x, s)
                        || (x.node_kind() == "binary_expression"
                            && x.field("operator").is_some_and(|o| text(o, s) == "-")
                            && ctx.model.const_int(x.field("right").unwrap_or(x)).is_some()
                            && x.field("left").is_some_and(|xl| {
                                constant_room(ctx, func, xl, 0) || room_left(xl, s)
                            }))
                };
                let size = |x: Node| {
                    crate::c::model::strip_parens_casts(x).node_kind() == "sizeof_expression"
                };
                if (size(l) && room(r)) || (size(r) && room(l)) {
                    return;
                }
            }
            // `(size_t)len + 2` with `unsigned short len`: a 32-bit-or-narrower value widened
            // to 64 bits before a constant of at most 32 bits meets it cannot wrap.
            if matches!(op, "+" | "*") {
                let widened_narrow = |x: Node| {
                    let t = crate::c::model::squeezed(text(x, s));
                    let inner = crate::c::model::strip_parens_casts(x);
                    ["(size_t)", "(uint64_t)", "(int64_t)", "(unsignedlonglong)", "(longlong)"]
                        .iter()
                        .any(|c| t.starts_with(c))
                        && inner.node_kind() == "identifier"
                        && narrow_integer(func, text(inner, s))
                };
                let small = |x: Node| ctx.model.const_int(x).is_some_and(|c| c.abs() < 1 << 31);
                if (widened_narrow(l) && small(r)) || (small(l) && widened_narrow(r)) {
                    return;
                }
            }
            // Pointer arithmetic (`data + dataLen`) moves a pointer; it wraps no integer.
            if matches!(op, "+" | "-" | "+=" | "-=")
                && (is_pointer(ctx, func, l) || is_buffer_arg(ctx, n))
            {
                return;
            }
            // A sum of string lengths and constants: strings in memory cannot add up to an
            // overflowing size.
            if matches!(op, "+" | "+=") && only_lengths(func, n, s) {
                return;
            }
            // A product widened to 64 bits before two 32-bit factors meet (see `widened_pair`).
            if op == "*" {
                let mut top = n;
                while let Some(p) = top.parent_node().filter(|p| {
                    p.node_kind() == "binary_expression"
                        && p.field("operator").is_some_and(|o| text(o, s) == "*")
                }) {
                    top = p;
                }
                if widened_pair(ctx, func, top, &variable_factors(top, ctx))
                    || positive_times_sizeof(ctx, func, top, n.start_byte())
                {
                    return;
                }
            }
            // `argc` counts the program's arguments (bounded by the system's argument space):
            // it and a constant cannot reach the integer's limits.
            let is_argc = |x: Node| {
                func.name == "main" && text(crate::c::model::strip_parens_casts(x), s) == "argc"
            };
            if (is_argc(l) && ctx.model.const_int(r).is_some())
                || (is_argc(r) && ctx.model.const_int(l).is_some())
            {
                return;
            }
            if unbounded(l, taint, UNTRUSTED) || unbounded(r, taint, UNTRUSTED) {
                let mut f = ctx.finding(
                    &META,
                    n,
                    format!(
                        "`{}` uses an untrusted value without a range check and may overflow.",
                        text(n, s)
                    ),
                );
                f.fix = checked_arithmetic(ctx, func, n);
                out.push(f);
            } else if let Some(limit) = limit_reached(op, taint.of(l, s).src | taint.of(r, s).src)
                .filter(|&bits| unbounded(l, taint, bits) || unbounded(r, taint, bits))
            {
                let mut f = ctx.finding(
                    &META,
                    n,
                    format!(
                        "`{}` starts from a type's {} value, where this {} wraps.",
                        text(n, s),
                        if limit == src::LIMIT_MAX { "largest" } else { "smallest" },
                        if matches!(op, "*" | "*=") { "product" } else { "step" }
                    ),
                );
                f.fix = checked_arithmetic(ctx, func, n);
                out.push(f);
            }
        });
    }
}

/// The limit bit an operator wraps at, when the operands carry it: `+` past the largest
/// value, `-` past the smallest, `*` past either (`INT_MIN * 2` too).
fn limit_reached(op: &str, bits: u32) -> Option<u32> {
    let wraps = match op {
        "+" | "+=" | "++" => src::LIMIT_MAX,
        "-" | "-=" | "--" => src::LIMIT_MIN,
        "*" | "*=" => src::LIMIT_MAX | src::LIMIT_MIN,
        _ => 0,
    };
    let hit = bits & wraps;
    (hit != 0).then_some(if hit & src::LIMIT_MAX != 0 { src::LIMIT_MAX } else { src::LIMIT_MIN })
}

/// A C++ string operand: a literal, a variable declared `std::string`/`string`, or a call
/// that makes one (`std::to_string(n)`, `s.substr(…)`).
fn is_string(func: &CFunction, n: Node, s: &str) -> bool {
    match n.node_kind() {
        "string_literal" | "concatenated_string" | "raw_string_literal" => true,
        "identifier" => func
            .declared_type(s, text(n, s))
            .is_some_and(|t| t.ends_with("string")),
        "call_expression" => {
            let name = crate::c::model::call_name(n, s);
            name == "to_string" || name.ends_with(".substr") || name.ends_with("string")
        }
        "binary_expression" => n.field("left").is_some_and(|l| is_string(func, l, s)),
        "parenthesized_expression" => n.named_child(0).is_some_and(|c| is_string(func, c, s)),
        _ => false,
    }
}

/// `(size_t)(alen + 1) * (blen + 1) * sizeof(T)`: two run-time factors of at most 32 bits
/// (`uint32_t`, `int`, `unsigned`), the product widened to 64 bits before it is formed. Two
/// such values (each plus a small constant) cannot overflow 64 bits; the cast is the fix.
fn widened_pair(ctx: &CContext, func: &CFunction, size: Node, factors: &[String]) -> bool {
    let s = ctx.src();
    let t = text(size, s).replace(' ', "");
    let widened = ["(size_t)", "(uint64_t)", "(unsignedlonglong)", "(u64)", "(uint64)"]
        .iter()
        .any(|c| t.starts_with(c));
    let narrow = |v: &String| {
        func.declared_type(s, v).is_some_and(|ty| {
            let ty = ty.replace("const ", "");
            matches!(
                ty.trim(),
                "uint32_t" | "int32_t" | "uint16_t" | "int16_t" | "uint8_t" | "int" | "unsigned"
                    | "unsigned int" | "short" | "unsigned short" | "u32" | "u16" | "char"
                    | "unsigned char"
            )
        })
    };
    widened && factors.len() == 2 && factors.iter().all(narrow)
}

/// `n * sizeof(T)` (or `sizeof(T) * n`) where `n` is a 32-bit-or-narrower integer
/// (`int`, `unsigned`, `short` …) tested from below before the call (`if (n <= 0) return`):
/// the product is formed in `size_t`, so a non-negative 32-bit count times a type's size
/// cannot wrap 64 bits. Without the test a negative `n` becomes a huge `size_t`, the
/// flaw textbook suites mean.
fn positive_times_sizeof(ctx: &CContext, func: &CFunction, size: Node, at: usize) -> bool {
    let s = ctx.src();
    let size = crate::c::model::strip_parens_casts(size);
    if size.node_kind() != "binary_expression"
        || size.field("operator").map(|o| text(o, s)) != Some("*")
    {
        return false;
    }
    let (Some(l), Some(r)) = (size.field("left"), size.field("right")) else {
        return false;
    };
    let var = match (l.node_kind(), r.node_kind()) {
        (_, "sizeof_expression") => crate::c::model::strip_parens_casts(l),
        ("sizeof_expression", _) => crate::c::model::strip_parens_casts(r),
        _ => return false,
    };
    if var.node_kind() != "identifier" {
        return false;
    }
    let v = text(var, s);
    narrow_integer(func, v) && func.lower_bounded_before(ctx.model, v, at)
}

/// `var` is declared with an integer type of at most 32 bits (`int`, `unsigned short`,
/// `uint8_t` …).
fn narrow_integer(func: &CFunction, var: &str) -> bool {
    func.declared_type("", var).is_some_and(|ty| {
        matches!(
            ty.replace("const ", "").trim(),
            "int" | "unsigned" | "unsigned int" | "short" | "unsigned short" | "int32_t"
                | "uint32_t" | "int16_t" | "uint16_t" | "u32" | "u16" | "u8" | "uint8_t"
                | "int8_t" | "char" | "unsigned char" | "signed char"
        )
    })
}

/// Every assignment of `name` before `at` in this function sets a constant (`n = 4`,
/// `n = MAXN`) or an element of a table declared outside the function (`n =
/// pixelsize[space]`, file scope or another unit's), and there is at
/// least one: the factor is one of the program's own sizes, not a run-time value.
fn constant_valued(ctx: &CContext, func: &CFunction, name: &str, at: usize) -> bool {
    let s = ctx.src();
    let mut seen = false;
    for &n in &func.nodes {
        if n.start_byte() >= at {
            break;
        }
        if n.node_kind() != "assignment_expression"
            || n.field("left").is_none_or(|l| squeezed(text(l, s)) != name)
        {
            continue;
        }
        let Some(v) = n.field("right").map(crate::c::model::strip_parens_casts) else {
            return false;
        };
        let table = v.node_kind() == "subscript_expression"
            && v.field("argument").is_some_and(|a| {
                a.node_kind() == "identifier" && func.declared_type(s, text(a, s)).is_none()
            });
        if ctx.model.const_int(v).is_none() && !table {
            return false;
        }
        seen = true;
    }
    seen
}

/// The non-constant factors of a product (`a * b * sizeof(T)` → `a`, `b`),
/// looking through parentheses and casts; empty if `e` is not a product.
fn variable_factors(e: Node, ctx: &CContext) -> Vec<String> {
    let s = ctx.src();
    let mut e = e;
    while matches!(
        e.node_kind(),
        "parenthesized_expression" | "cast_expression"
    ) {
        match e
            .field("value")
            .or_else(|| e.named_child(e.named_child_count().saturating_sub(1) as u32))
        {
            Some(x) => e = x,
            None => return Vec::new(),
        }
    }
    if e.node_kind() != "binary_expression" || e.field("operator").map(|o| text(o, s)) != Some("*")
    {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut stack = vec![e];
    while let Some(n) = stack.pop() {
        match n.node_kind() {
            "binary_expression" if n.field("operator").map(|o| text(o, s)) == Some("*") => {
                stack.extend(n.field("left"));
                stack.extend(n.field("right"));
            }
            "parenthesized_expression" | "cast_expression" => {
                stack.extend(
                    n.field("value")
                        .or_else(|| n.named_child(n.named_child_count().saturating_sub(1) as u32)),
                );
            }
            "sizeof_expression" | "number_literal" | "char_literal" => {}
            "identifier"
                if ctx.model.defines.contains_key(text(n, s))
                    || text(n, s)
                        .chars()
                        .all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit()) => {}
            "identifier" | "field_expression" => out.push(text(n, s).to_string()),
            // `(n + 1) * step`: a sum of run-time values is one factor.
            "binary_expression" => {
                let ids = identifiers(n, s);
                if let Some(first) = ids.into_iter().find(|i| !ctx.model.defines.contains_key(i)) {
                    out.push(first);
                }
            }
            _ => {}
        }
    }
    out
}

/// Arithmetic inside a comparison or an array index is a check or an
/// access, reported by other rules.
fn in_condition_or_index(n: Node) -> bool {
    let mut cur = n.parent_node();
    while let Some(p) = cur {
        match p.node_kind() {
            "binary_expression" => {
                if let Some(op) = p.field("operator") {
                    if matches!(op.node_kind(), "<" | "<=" | ">" | ">=" | "==" | "!=" | "%") {
                        return true;
                    }
                }
            }
            "subscript_expression" | "parenthesized_expression"
                if p.parent_node().is_some_and(|g| g.node_kind() == "if_statement") =>
            {
                return true
            }
            "subscript_expression" => return true,
            "expression_statement" | "compound_statement" | "declaration" | "return_statement" => {
                return false
            }
            _ => {}
        }
        cur = p.parent_node();
    }
    false
}

/// `malloc(a * b)` → `calloc(a, b)`: calloc checks the product for overflow (and zeroes
/// the memory). Only a product of exactly two factors is rewritten.
fn counted_allocation(ctx: &CContext, call: Node, size: Node) -> Option<Fix> {
    let mut e = size;
    while e.node_kind() == "parenthesized_expression" {
        e = e.named_child(0)?;
    }
    if e.node_kind() != "binary_expression" || e.field("operator").map(|o| ctx.text(o)) != Some("*")
    {
        return None;
    }
    let (l, r) = (e.field("left")?, e.field("right")?);
    let is_product = |n: Node| {
        n.node_kind() == "binary_expression"
            && n.field("operator").map(|o| ctx.text(o)) == Some("*")
    };
    if is_product(l) || is_product(r) {
        return None;
    }
    ctx.fix(
        "Allocate with calloc, which checks the size for overflow",
        vec![ctx.edit(call, format!("calloc({}, {})", ctx.text(l), ctx.text(r)))],
    )
}

/// `total += n;`, `x = a * b;`, `int x = a + b;` on integer variables → the compiler's
/// checked arithmetic (`__builtin_add_overflow` and kin, GCC and Clang; C23 spells it
/// `ckd_add`), leaving the function as its return type reports failure when the result
/// would not fit.
fn checked_arithmetic(ctx: &CContext, func: &CFunction, n: Node) -> Option<Fix> {
    let op_text = |n: Node| n.field("operator").map(|o| ctx.text(o));
    let builtin = |op: &str| match op.trim_end_matches('=') {
        "+" => Some("__builtin_add_overflow"),
        "-" => Some("__builtin_sub_overflow"),
        "*" => Some("__builtin_mul_overflow"),
        _ => None,
    };
    // (the statement replaced, the declaration kept before the check, builtin, a, b, target)
    let (stmt, declaration, check, a, b, target) = match n.node_kind() {
        "assignment_expression" if op_text(n)? != "=" => {
            let stmt = n.parent_node()?;
            let target = n.field("left")?;
            (
                stmt,
                None,
                builtin(op_text(n)?)?,
                target,
                n.field("right")?,
                target,
            )
        }
        "binary_expression" => {
            let parent = n.parent_node()?;
            match parent.node_kind() {
                "assignment_expression" if op_text(parent)? == "=" => {
                    let target = parent.field("left")?;
                    (
                        parent.parent_node()?,
                        None,
                        builtin(op_text(n)?)?,
                        n.field("left")?,
                        n.field("right")?,
                        target,
                    )
                }
                "init_declarator" => {
                    let decl = parent.parent_node()?;
                    let target = parent.field("declarator")?;
                    if decl.node_kind() != "declaration"
                        || ast::field_children(decl, "declarator").len() != 1
                    {
                        return None;
                    }
                    let ty = ctx.text(decl.field("type")?);
                    let kept = format!("{ty} {};", ctx.text(target));
                    (
                        decl,
                        Some(kept),
                        builtin(op_text(n)?)?,
                        n.field("left")?,
                        n.field("right")?,
                        target,
                    )
                }
                _ => return None,
            }
        }
        _ => return None,
    };
    if !matches!(stmt.node_kind(), "expression_statement" | "declaration")
        || ctx.statement_of(stmt) != Some(stmt)
        || target.node_kind() != "identifier"
        || !integer_variable(ctx, func, ctx.text(target))
    {
        return None;
    }
    let bail = ctx.failure_return(func)?;
    let indent = {
        let src = ctx.src();
        let start = src[..stmt.start_byte()].rfind('\n').map_or(0, |i| i + 1);
        &src[start..stmt.start_byte()]
    };
    let check = format!(
        "if ({check}({}, {}, &{})) {{\n{indent}    {bail}\n{indent}}}",
        ctx.text(a),
        ctx.text(b),
        ctx.text(target)
    );
    let replacement = match declaration {
        Some(kept) => format!("{kept}\n{indent}{check}"),
        None => check,
    };
    ctx.fix(
        "Check the arithmetic for overflow (__builtin_*_overflow)",
        vec![ctx.edit(stmt, replacement)],
    )
}

/// `var` is declared in `func` as a plain (not pointer, not array) integer.
fn integer_variable(ctx: &CContext, func: &CFunction, var: &str) -> bool {
    let s = ctx.src();
    let mut found = false;
    ast::preorder(func.node, |n| {
        if found || !matches!(n.node_kind(), "parameter_declaration" | "declaration") {
            return;
        }
        let Some(ty) = n.field("type") else {
            return;
        };
        let plain = ast::field_children(n, "declarator").into_iter().any(|d| {
            let d = if d.node_kind() == "init_declarator" {
                d.field("declarator").unwrap_or(d)
            } else {
                d
            };
            d.node_kind() == "identifier" && text(d, s) == var
        });
        found = plain && is_integer_type(text(ty, s));
    });
    found
}

/// `sizeof(buf) - strlen(buf)` (also `sizeof buf`, `wcslen`): the room left in a buffer.
fn room_left(n: Node, s: &str) -> bool {
    if n.node_kind() != "binary_expression" || n.field("operator").map(|o| text(o, s)) != Some("-")
    {
        return false;
    }
    let (Some(l), Some(r)) = (n.field("left"), n.field("right")) else {
        return false;
    };
    if l.node_kind() != "sizeof_expression" || r.node_kind() != "call_expression" {
        return false;
    }
    let name = crate::c::model::call_name(r, s);
    let sized = text(l, s)
        .trim_start_matches("sizeof")
        .trim()
        .trim_start_matches('(')
        .trim_end_matches(')')
        .trim()
        .to_string();
    matches!(name, "strlen" | "wcslen")
        && call_args(r)
            .first()
            .is_some_and(|a| text(*a, s).trim() == sized)
}

/// `C - len`, where `len` is `strlen(x)` (or a variable set from it) and `x` is storage of at
/// most `C + slack` bytes: a terminated string in it is shorter than that, so `99 -
/// strlen(data)` on 100 bytes (slack 1) is never negative; with a constant taken off after
/// (`100 - len - 1`) there is no slack.
fn constant_room(ctx: &CContext, func: &CFunction, n: Node, slack: i64) -> bool {
    let s = ctx.src();
    let n = crate::c::model::strip_parens_casts(n);
    if n.node_kind() != "binary_expression" || n.field("operator").map(|o| text(o, s)) != Some("-")
    {
        return false;
    }
    let (Some(l), Some(r)) = (n.field("left"), n.field("right")) else {
        return false;
    };
    let Some(size) = ctx.model.const_int(l) else {
        return false;
    };
    let r = crate::c::model::strip_parens_casts(r);
    let length = if r.node_kind() == "identifier" {
        crate::c::storage::last_value(func, text(r, s), n.start_byte(), s)
    } else {
        Some(r)
    };
    let Some(call) = length
        .map(crate::c::model::strip_parens_casts)
        .filter(|c| c.node_kind() == "call_expression")
    else {
        return false;
    };
    if !matches!(crate::c::model::call_name(call, s), "strlen" | "wcslen") {
        return false;
    }
    call_args(call)
        .first()
        .and_then(|a| crate::c::model::root_name(*a, s))
        .map(|x| crate::c::storage::of(ctx, func, &x, n.start_byte()))
        // Storage not known (a pointer reached through `*pp`, a parameter): the constant is
        // the room the program believes it has, the idiom of `strncat(d + len, s, N - len - 1)`;
        // only storage known to be larger than the constant makes the subtraction wrap.
        // A length counts characters: compare elements (`wchar_t buf[50]` holds 50), not bytes.
        .is_some_and(|st| st.is_none_or(|st| st.elements.unwrap_or(st.bytes) <= size.saturating_add(slack)))
}

/// `strncat(b->text + n, …)`, `recv(s, (char *)(buf + len), …)`: an expression passed where a
/// string or memory routine takes a buffer is a pointer, whatever its operands are declared
/// as (a struct field's type is not known here).
fn is_buffer_arg(ctx: &CContext, n: Node) -> bool {
    let mut arg = n;
    while let Some(p) = arg
        .parent_node()
        .filter(|p| matches!(p.node_kind(), "parenthesized_expression" | "cast_expression"))
    {
        arg = p;
    }
    let Some(list) = arg.parent_node().filter(|p| p.node_kind() == "argument_list") else {
        return false;
    };
    let Some(call) = list.parent_node() else {
        return false;
    };
    let Some(i) = call_args(call).iter().position(|a| *a == arg) else {
        return false;
    };
    match ctx.model.call_name(call) {
        "fgets" | "fgetws" | "memset" | "wmemset" => i == 0,
        "recv" | "recvfrom" | "read" | "pread" => i == 1,
        "strcat" | "strncat" | "strcpy" | "strncpy" | "memcpy" | "memmove" | "wcscat"
        | "wcsncat" | "wcscpy" | "wcsncpy" | "wmemcpy" | "wmemmove" => i <= 1,
        "snprintf" | "sprintf" | "vsnprintf" | "swprintf" => i == 0,
        _ => false,
    }
}

/// A pointer or array variable: a parameter declared with `*`, a local or global array, or a
/// local declared with a pointer declarator.
fn is_pointer(ctx: &CContext, func: &CFunction, n: Node) -> bool {
    let s = ctx.src();
    let n = crate::c::model::strip_parens_casts(n);
    if n.node_kind() != "identifier" {
        return false;
    }
    let name = text(n, s);
    if func.array_len(ctx.model, name).is_some()
        || func.params.iter().any(|p| p.name == name && p.is_pointer)
    {
        return true;
    }
    func.pointers.iter().any(|p| p == name)
}

/// `var` was set from a string length (`int len = strlen(s);`) before `at`: a length minus a
/// constant cannot overflow.
fn holds_length(func: &CFunction, var: &str, at: Node, s: &str) -> bool {
    let value = crate::c::storage::last_value(func, var, at.start_byte(), s);
    let mut v = match value {
        Some(v) => v,
        None => return false,
    };
    while v.node_kind() == "cast_expression" {
        match v.field("value") {
            Some(x) => v = x,
            None => return false,
        }
    }
    v.node_kind() == "call_expression"
        && matches!(
            crate::c::model::call_name(v, s),
            "strlen" | "wcslen" | "strnlen"
        )
}

/// `len1 + len2 + 1` where every term is a constant, a `sizeof` or a string length.
fn only_lengths(func: &CFunction, e: Node, s: &str) -> bool {
    match e.node_kind() {
        "number_literal" | "sizeof_expression" | "char_literal" => true,
        "parenthesized_expression" => e.named_child(0).is_some_and(|c| only_lengths(func, c, s)),
        "call_expression" => matches!(
            crate::c::model::call_name(e, s),
            "strlen" | "wcslen" | "strnlen"
        ),
        "identifier" => holds_length(func, text(e, s), e, s),
        "binary_expression" | "assignment_expression" => {
            matches!(
                e.field("operator").map(|o| text(o, s)),
                Some("+") | Some("+=")
            ) && e.field("left").is_some_and(|l| only_lengths(func, l, s))
                && e.field("right").is_some_and(|r| only_lengths(func, r, s))
        }
        _ => false,
    }
}
