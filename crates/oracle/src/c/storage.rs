//! What a pointer points to: `char *data = dataBuffer;` or `int *data = malloc(10);`. The
//! textbook overflow is written through such a pointer (the buffer is declared in one line,
//! aliased in the next, overrun in a third), so the rules that compare a copy's or a loop's
//! constant size with the storage ask here when the written name is not itself an array.

use crate::ast::{text, NodeExt};
use crate::c::model::{call_args, declarator_name, squeezed, strip_parens_casts, CFunction};
use crate::rules::c::CContext;
use tree_sitter::Node;

/// The storage behind a name: its size in bytes and, when the pointer's type has a known
/// size, in elements of that type (`void *`, a struct pointer: bytes only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Storage {
    pub bytes: i64,
    pub elements: Option<i64>,
    /// A fixed array (of this function, the file, or a caller's passed down), not an
    /// allocation.
    pub array: bool,
}

/// The size of a scalar type as written (`int`, `unsigned char`, `wchar_t`), on LP64.
pub fn type_size(ty: &str) -> Option<i64> {
    let t: String = ty
        .split_whitespace()
        .filter(|w| !matches!(*w, "const" | "volatile" | "unsigned" | "signed" | "static"))
        .collect::<Vec<_>>()
        .join(" ");
    Some(match t.as_str() {
        "char" | "int8_t" | "uint8_t" | "u8" | "BYTE" | "byte" | "bool" | "_Bool" => 1,
        "short" | "int16_t" | "uint16_t" => 2,
        "int" | "float" | "wchar_t" | "int32_t" | "uint32_t" => 4,
        "long" | "long long" | "double" | "size_t" | "ssize_t" | "int64_t" | "uint64_t" => 8,
        _ => return None,
    })
}

/// The storage `name` names at `at`: a fixed array of the function or file, or, for a
/// pointer, what its last assignment before `at` made it point to: a fixed array
/// (`data = dataBuffer`) or a constant-size allocation (`malloc(10)`, `calloc(4, 8)`).
pub fn of(ctx: &CContext, func: &CFunction, name: &str, at: usize) -> Option<Storage> {
    storage_depth(ctx, func, name, at, 0)
}

/// [`of`] for a name that is not an array: what its last value points to, or, for a pointer
/// parameter not yet reassigned, what every caller passes.
fn of_value(
    ctx: &CContext,
    func: &CFunction,
    name: &str,
    at: usize,
    depth: usize,
) -> Option<Storage> {
    let s = ctx.src();
    let Some(value) = last_value(func, name, at, s) else {
        if func.param_index(name).is_none() {
            return member_storage(ctx, func, name, depth);
        }
        let passed = from_callers(ctx, func, name, Reach::Direct, depth)?;
        return Some(retyped(ctx, func, name, passed));
    };
    let v = strip_parens_casts(value);
    if let Some((param, reach)) = reach_of(func, v, s) {
        let passed = from_callers(ctx, func, param, reach, depth)?;
        return Some(retyped(ctx, func, name, passed));
    }
    if let Some(arg) = returned_argument(ctx, v) {
        let arg = strip_parens_casts(arg);
        return (arg.node_kind() == "identifier" && depth < MAX_CALLERS_DEPTH)
            .then(|| storage_depth(ctx, func, text(arg, s), v.start_byte(), depth + 1))
            .flatten()
            .map(|st| retyped(ctx, func, name, st));
    }
    let bytes = match v.node_kind() {
        "identifier" if func.array_len(ctx.model, text(v, s)).is_some() => {
            return at_array(ctx, func, text(v, s));
        }
        // Another pointer (`data = buffer` after `buffer = malloc(100)`): what it held there.
        // Each step looks strictly earlier in the function, so a cycle of copies ends.
        "identifier" if text(v, s) != name => {
            return storage_depth(ctx, func, text(v, s), v.start_byte(), depth)
                .map(|st| retyped(ctx, func, name, st));
        }
        "call_expression" => {
            let args = call_args(v);
            match ctx.model.call_name(v) {
                "malloc" | "alloca" => ctx.model.const_int(*args.first()?)?,
                "calloc" => ctx
                    .model
                    .const_int(*args.first()?)?
                    .checked_mul(ctx.model.const_int(*args.get(1)?)?)?,
                // `p = make();` where the file's `make` returns a constant-size block.
                _ if depth < MAX_CALLERS_DEPTH => {
                    return returned_storage(ctx, v, depth + 1)
                        .map(|st| retyped(ctx, func, name, st));
                }
                _ => return None,
            }
        }
        // C++: `new char[50]`, `new int[10]`: the length times the element type's size.
        "new_expression" => {
            let length = v.field("declarator").and_then(|d| d.field("length"))?;
            let count = ctx.model.const_int(length)?;
            let size = type_size(text(v.field("type")?, s))?;
            count.checked_mul(size)?
        }
        _ => return None,
    };
    Some(Storage {
        bytes,
        elements: element_size(ctx, func, name).map(|size| bytes / size),
        array: false,
    })
}

/// C++: a data member this method does not assign, that the class's other methods (the
/// constructor, an `init`) allocate: the storage they all leave it holding (`data = new
/// char[50];` in the constructor, read by the destructor), when they agree.
fn member_storage(ctx: &CContext, func: &CFunction, name: &str, depth: usize) -> Option<Storage> {
    // Each query scans the file's methods: past this many functions (generated code, the
    // robustness suite's 20 MB files) the scan would be quadratic, and it is skipped.
    const MAX_FUNCTIONS: usize = 10_000;
    if !func.is_method
        || depth >= MAX_CALLERS_DEPTH
        || ctx.model.functions.len() > MAX_FUNCTIONS
        || !ctx.model.members.iter().any(|m| m == name)
    {
        return None;
    }
    let s = ctx.src();
    let mut found: Option<Storage> = None;
    for other in ctx
        .model
        .functions
        .iter()
        .filter(|f| f.is_method && f.name != func.name)
    {
        if other.declared_type(s, name).is_some()
            || !other.assigns.iter().any(|(_, t, _)| t == name)
        {
            continue;
        }
        let end = other.body.end_byte();
        let Some(v) = last_value(other, name, end, s) else {
            continue;
        };
        if matches!(text(strip_parens_casts(v), s), "NULL" | "0" | "nullptr") {
            continue;
        }
        let st = of_value(ctx, other, name, end, depth + 1)?;
        if found.is_some_and(|f| f.bytes != st.bytes) {
            return None;
        }
        found = Some(st);
    }
    found
}

/// The storage every `return` of the file's function called by `call` hands back (`int *p
/// = malloc(16); … return p;`), a `return NULL` aside; `None` when they differ or one is
/// not known.
fn returned_storage(ctx: &CContext, call: Node, depth: usize) -> Option<Storage> {
    let s = ctx.src();
    let callee = ctx.model.function_named(ctx.model.call_name(call))?;
    let mut found: Option<Storage> = None;
    for &n in &callee.nodes {
        if n.node_kind() != "return_statement" {
            continue;
        }
        let r = strip_parens_casts(n.named_child(0)?);
        if matches!(text(r, s), "NULL" | "0" | "nullptr") {
            continue;
        }
        if r.node_kind() != "identifier" {
            return None;
        }
        let st = storage_depth(ctx, callee, text(r, s), n.start_byte(), depth)?;
        if found.is_some_and(|f| f.bytes != st.bytes) {
            return None;
        }
        found = Some(st);
    }
    found
}

/// `pick(buffer)` where every `return` of the file's `pick` returns one of its parameters
/// unchanged: the argument passed for it.
fn returned_argument<'t>(ctx: &CContext<'_, 't>, call: Node<'t>) -> Option<Node<'t>> {
    if call.node_kind() != "call_expression" {
        return None;
    }
    let s = ctx.src();
    let callee = ctx.model.function_named(ctx.model.call_name(call))?;
    let mut index = None;
    for &n in &callee.nodes {
        if n.node_kind() != "return_statement" {
            continue;
        }
        let r = strip_parens_casts(n.named_child(0)?);
        let i = (r.node_kind() == "identifier")
            .then(|| callee.param_index(text(r, s)))
            .flatten()?;
        // A parameter reassigned in the body is no longer what the caller passed.
        if callee.assigns.iter().any(|(_, t, _)| t == text(r, s)) || index.is_some_and(|j| j != i) {
            return None;
        }
        index = Some(i);
    }
    call_args(call).get(index?).copied()
}

/// The same bytes seen through `name`'s type (a `char *` over a caller's `int` array).
fn retyped(ctx: &CContext, func: &CFunction, name: &str, st: Storage) -> Storage {
    Storage {
        elements: element_size(ctx, func, name)
            .map(|size| st.bytes / size)
            .or(st.elements),
        ..st
    }
}

/// How a function reaches the storage its callers pass: the pointer parameter itself, what a
/// parameter points to (`char *data = *pp;` for a caller's `sink(&data)`), a slot of a
/// passed array of pointers (`data = arr[2]` for `slots[2] = data; sink(slots)`), or a
/// field of a struct passed by value (`data = p.first` for `p.first = data; sink(p)`): the
/// flow variants textbook suites write one function each.
#[derive(Clone, Copy)]
enum Reach<'a> {
    Direct,
    Deref,
    Slot(&'a str),
    Field(&'a str),
}

/// `*p`, `p[K]` or `p.f` with `p` a parameter of `func`.
fn reach_of<'s>(func: &CFunction, v: Node, s: &'s str) -> Option<(&'s str, Reach<'s>)> {
    // The parameter itself, or a local last set to it (`char **pp = (char **)vp;`).
    let param = |n: Node| {
        let mut n = strip_parens_casts(n);
        if n.node_kind() == "identifier" && func.param_index(text(n, s)).is_none() {
            n = strip_parens_casts(last_value(func, text(n, s), v.start_byte(), s)?);
        }
        (n.node_kind() == "identifier" && func.param_index(text(n, s)).is_some())
            .then(|| text(n, s))
    };
    match v.node_kind() {
        "pointer_expression" if v.child(0).is_some_and(|o| o.node_kind() == "*") => {
            Some((param(v.field("argument")?)?, Reach::Deref))
        }
        "subscript_expression" => {
            let index = v.field("index")?;
            (index.node_kind() == "number_literal")
                .then_some(())
                .and_then(|_| Some((param(v.field("argument")?)?, Reach::Slot(text(index, s)))))
        }
        "field_expression" if v.child(1).is_some_and(|o| o.node_kind() == ".") => Some((
            param(v.field("argument")?)?,
            Reach::Field(text(v.field("field")?, s)),
        )),
        _ => None,
    }
}

/// Calls are followed this many functions up.
const MAX_CALLERS_DEPTH: usize = 3;

/// The storage `param` of `func` reaches (see [`Reach`]) at every call of `func` in the
/// file: the smallest, since the smallest caller's array is the one overrun first. `None`
/// when nothing calls `func` or some call passes storage not known here.
fn from_callers(
    ctx: &CContext,
    func: &CFunction,
    param: &str,
    reach: Reach,
    depth: usize,
) -> Option<Storage> {
    if depth >= MAX_CALLERS_DEPTH {
        return None;
    }
    let index = func.param_index(param)?;
    let s = ctx.src();
    let mut smallest: Option<Storage> = None;
    for (caller, call) in ctx.model.calls_of(&func.name) {
        let arg = strip_parens_casts(*call_args(call).get(index)?);
        let at = call.start_byte();
        let here = match reach {
            Reach::Direct if arg.node_kind() == "identifier" => {
                storage_depth(ctx, caller, text(arg, s), at, depth + 1)
            }
            Reach::Deref
                if arg.node_kind() == "pointer_expression"
                    && arg.child(0).is_some_and(|o| o.node_kind() == "&") =>
            {
                let x = strip_parens_casts(arg.field("argument")?);
                (x.node_kind() == "identifier")
                    .then(|| storage_depth(ctx, caller, text(x, s), at, depth + 1))
                    .flatten()
            }
            Reach::Slot(k) if arg.node_kind() == "identifier" => {
                let target = format!("{}[{k}]", text(arg, s));
                stored_in(ctx, caller, &target, at, depth)
            }
            Reach::Field(f) if arg.node_kind() == "identifier" => {
                let target = format!("{}.{f}", text(arg, s));
                stored_in(ctx, caller, &target, at, depth)
            }
            _ => None,
        };
        let here = here?;
        if smallest.is_none_or(|b| here.bytes < b.bytes) {
            smallest = Some(here);
        }
    }
    smallest
}

/// The storage of the variable last stored into `target` (`slots[2] = data`, `p.first =
/// data`) before `at`.
fn stored_in(
    ctx: &CContext,
    func: &CFunction,
    target: &str,
    at: usize,
    depth: usize,
) -> Option<Storage> {
    let s = ctx.src();
    let mut found = None;
    for &n in &func.nodes {
        if n.start_byte() >= at {
            break;
        }
        if n.node_kind() == "assignment_expression"
            && n.field("operator").is_some_and(|o| text(o, s) == "=")
            && n.field("left")
                .is_some_and(|l| squeezed(text(l, s)) == target)
        {
            found = n
                .field("right")
                .map(|r| (n.start_byte(), strip_parens_casts(r)));
        }
    }
    // C++: a container filled by `v.push_back(data)` or `v.insert(v.end(), 1, data)` holds
    // the same pointer in every slot (textbook suites insert it three times).
    if found.is_none() {
        if let Some((container, _)) = target.split_once('[') {
            for &(call, name) in &func.calls {
                if call.start_byte() >= at {
                    break;
                }
                let adds = name
                    .strip_prefix(container)
                    .and_then(|m| m.strip_prefix('.'));
                if matches!(
                    adds,
                    Some("push_back" | "push_front" | "insert" | "emplace_back")
                ) {
                    found = call_args(call)
                        .last()
                        .map(|a| (call.start_byte(), strip_parens_casts(*a)));
                }
            }
        }
    }
    let (pos, value) = found?;
    (value.node_kind() == "identifier")
        .then(|| storage_depth(ctx, func, text(value, s), pos, depth + 1))
        .flatten()
}

/// [`of`] a given number of calls up.
fn storage_depth(
    ctx: &CContext,
    func: &CFunction,
    name: &str,
    at: usize,
    depth: usize,
) -> Option<Storage> {
    if let Some(elements) = func.array_len(ctx.model, name) {
        let size = element_size(ctx, func, name).unwrap_or(1);
        return Some(Storage {
            bytes: elements * size,
            elements: Some(elements),
            array: true,
        });
    }
    of_value(ctx, func, name, at, depth)
}

/// How far before the start of a known buffer `name` points at `at`, with the subtraction
/// that set it: `data = dataBuffer - 8` (or `data = data - 8` after `data = malloc(100)`), here or
/// in every caller that passes the pointer. Textbook suites' under-read and under-write:
/// whatever is then read or written through `data` from its start lies before the buffer.
pub fn before_start<'t>(
    ctx: &CContext<'_, 't>,
    func: &CFunction<'t>,
    name: &str,
    at: usize,
) -> Option<(Node<'t>, i64)> {
    before_start_depth(ctx, func, name, at, 0)
}

fn before_start_depth<'t>(
    ctx: &CContext<'_, 't>,
    func: &CFunction<'t>,
    name: &str,
    at: usize,
    depth: usize,
) -> Option<(Node<'t>, i64)> {
    let s = ctx.src();
    let Some(value) = last_value(func, name, at, s) else {
        if depth >= MAX_CALLERS_DEPTH {
            return None;
        }
        let index = func.param_index(name)?;
        let mut found = None;
        for (caller, call) in ctx.model.calls_of(&func.name) {
            let arg = strip_parens_casts(*call_args(call).get(index)?);
            if arg.node_kind() != "identifier" {
                return None;
            }
            found = Some(before_start_depth(
                ctx,
                caller,
                text(arg, s),
                call.start_byte(),
                depth + 1,
            )?);
        }
        return found;
    };
    let v = strip_parens_casts(value);
    if v.node_kind() != "binary_expression" || v.field("operator").map(|o| text(o, s)) != Some("-")
    {
        return None;
    }
    let base = strip_parens_casts(v.field("left")?);
    let offset = ctx.model.const_int(v.field("right")?)?;
    if base.node_kind() != "identifier" || offset <= 0 {
        return None;
    }
    // What the base held before this assignment (`data = data - 8` after `data = buffer`).
    let assigned_at = value
        .parent_node()
        .map_or(v.start_byte(), |p| p.start_byte());
    storage_depth(ctx, func, text(base, s), assigned_at, depth)?;
    Some((v, offset))
}

/// The array a pointer was last set to before `at` (`data = dataBuffer;`), when `name` is
/// not an array itself.
pub fn aliased_array(ctx: &CContext, func: &CFunction, name: &str, at: usize) -> Option<String> {
    if func.array_len(ctx.model, name).is_some() {
        return None;
    }
    let s = ctx.src();
    let v = strip_parens_casts(last_value(func, name, at, s)?);
    (v.node_kind() == "identifier" && func.array_len(ctx.model, text(v, s)).is_some())
        .then(|| text(v, s).to_string())
}

fn at_array(ctx: &CContext, func: &CFunction, array: &str) -> Option<Storage> {
    let elements = func.array_len(ctx.model, array)?;
    let size = element_size(ctx, func, array)?;
    Some(Storage {
        bytes: elements * size,
        elements: Some(elements),
        array: true,
    })
}

/// The size of what `name` holds or points to, from its declared type.
fn element_size(ctx: &CContext, func: &CFunction, name: &str) -> Option<i64> {
    let ty = func
        .declared_type(ctx.src(), name)
        .or_else(|| ctx.model.global_type(name))?;
    type_size(&ty)
}

/// An index that is a string's own length, or that length minus a constant, into that same
/// string: `buf[len]` (its terminator) or `buf[len - 1]` (its last character, the newline
/// strip after `fgets`) with `len = strlen(buf)` (or `wcslen`), or `buf[strlen(buf) - 1]`.
/// A terminated string's length lies inside its own storage, so such an index is in
/// bounds whatever the input was, except `len - k` on a string shorter than `k`: that form
/// counts only once a condition before it tests the length (`if (len > 0 && buf[len - 1]
/// == '\n')`); `buf[strlen(buf) - 1]` untested reads before an empty string (libevent's
/// CVE-2016-10197).
pub fn is_own_length_index(func: &CFunction, arr: Node, idx: Node, s: &str) -> bool {
    let array = crate::c::model::squeezed(text(arr, s));
    let is_length_of_array = |v: Node| {
        let v = crate::c::model::strip_parens_casts(v);
        v.node_kind() == "call_expression"
            && matches!(crate::c::model::call_name(v, s), "strlen" | "wcslen")
            && crate::c::model::call_args(v)
                .first()
                .is_some_and(|a| crate::c::model::squeezed(text(*a, s)) == array)
    };
    let mut idx = crate::c::model::strip_parens_casts(idx);
    let mut minus = false;
    if idx.node_kind() == "binary_expression"
        && idx.field("operator").is_some_and(|o| text(o, s) == "-")
        && idx
            .field("right")
            .is_some_and(|r| r.node_kind() == "number_literal")
    {
        match idx.field("left") {
            Some(l) => idx = crate::c::model::strip_parens_casts(l),
            None => return false,
        }
        minus = true;
    }
    match idx.node_kind() {
        "call_expression" => !minus && is_length_of_array(idx),
        "identifier" => {
            let var = text(idx, s);
            last_value(func, var, idx.start_byte(), s).is_some_and(is_length_of_array)
                && (!minus || compared_before(func, var, idx.start_byte(), s))
        }
        _ => false,
    }
}

/// `out[len]` where `out` was last allocated with `len` plus a positive constant bytes or
/// elements (`total = (size_t)len + 2; out = malloc(total);`, `malloc(len + 1)`): the
/// allocation was sized by the index, so the index is inside it whatever `len` holds.
pub fn is_sized_by_index(func: &CFunction, arr: Node, idx: Node, s: &str) -> bool {
    use crate::c::model::{call_args, call_name, squeezed, strip_parens_casts};
    let idx = strip_parens_casts(idx);
    if arr.node_kind() != "identifier" || idx.node_kind() != "identifier" {
        return false;
    }
    let var = text(idx, s);
    let at = arr.start_byte();
    let Some(alloc) = last_value(func, text(arr, s), at, s).map(strip_parens_casts) else {
        return false;
    };
    if alloc.node_kind() != "call_expression"
        || !matches!(
            call_name(alloc, s),
            "malloc" | "alloca" | "calloc" | "xmalloc"
        )
    {
        return false;
    }
    let Some(mut size) = call_args(alloc).last().copied().map(strip_parens_casts) else {
        return false;
    };
    if size.node_kind() == "identifier" {
        match last_value(func, text(size, s), alloc.start_byte(), s) {
            Some(v) => size = strip_parens_casts(v),
            None => return false,
        }
    }
    if size.node_kind() != "binary_expression"
        || size.field("operator").is_none_or(|o| text(o, s) != "+")
    {
        return false;
    }
    let (Some(l), Some(r)) = (size.field("left"), size.field("right")) else {
        return false;
    };
    let positive = |x: Node| {
        crate::c::model::parse_int(&squeezed(text(strip_parens_casts(x), s))).is_some_and(|c| c > 0)
    };
    let is_var = |x: Node| {
        let x = strip_parens_casts(x);
        x.node_kind() == "identifier" && text(x, s) == var
    };
    (is_var(l) && positive(r)) || (positive(l) && is_var(r))
}

/// A comparison of `var` (`len > 0`, `len == 0`) that ends before `at`: a test of the
/// length before the index is formed (a comparison holding the index itself is none).
fn compared_before(func: &CFunction, var: &str, at: usize, s: &str) -> bool {
    func.nodes.iter().any(|n| {
        n.end_byte() <= at
            && n.node_kind() == "binary_expression"
            && n.field("operator")
                .is_some_and(|o| matches!(text(o, s), ">" | ">=" | "<" | "<=" | "==" | "!="))
            && [n.field("left"), n.field("right")]
                .into_iter()
                .flatten()
                .any(|x| x.node_kind() == "identifier" && text(x, s) == var)
    })
}

/// The value of `name`'s last plain assignment or initialisation before `at`.
pub fn last_value<'t>(func: &CFunction<'t>, name: &str, at: usize, s: &str) -> Option<Node<'t>> {
    let mut value = None;
    for &n in &func.nodes {
        if n.start_byte() >= at {
            break;
        }
        let (target, v) = match n.node_kind() {
            "init_declarator" => (
                n.field("declarator").and_then(|d| declarator_name(d, s)),
                n.field("value"),
            ),
            "assignment_expression" if n.field("operator").is_some_and(|o| text(o, s) == "=") => (
                n.field("left")
                    .filter(|l| l.node_kind() == "identifier")
                    .map(|l| text(l, s).to_string()),
                n.field("right"),
            ),
            _ => continue,
        };
        if target.as_deref() == Some(name) {
            value = v;
        }
    }
    value
}

/// The longest string `name` can hold at `at`, when the function last terminated it at a
/// constant index (`memset(data, 'A', 49); data[49] = '\0';` → 49), through the array a
/// pointer was set to as well, and nothing wrote into it since. Textbook suites size their
/// copies' sources this way; a copy bounded by `strlen(data)` then moves at most that much.
pub fn longest_string(ctx: &CContext, func: &CFunction, name: &str, at: usize) -> Option<i64> {
    let s = ctx.src();
    let array = aliased_array(ctx, func, name, at);
    let names: Vec<&str> = std::iter::once(name).chain(array.as_deref()).collect();
    let mut found: Option<(usize, i64)> = None;
    for &n in &func.nodes {
        if n.start_byte() >= at {
            break;
        }
        match n.node_kind() {
            "assignment_expression" => {
                let (Some(l), Some(r)) = (n.field("left"), n.field("right")) else {
                    continue;
                };
                if l.node_kind() != "subscript_expression"
                    || !l
                        .field("argument")
                        .is_some_and(|a| names.contains(&text(a, s)))
                {
                    continue;
                }
                let terminator = matches!(squeezed(text(r, s)).as_str(), "'\\0'" | "L'\\0'" | "0");
                let index = l.field("index").and_then(|i| ctx.model.const_int(i));
                found = match (terminator, index) {
                    (true, Some(k)) => Some((n.end_byte(), k)),
                    // Another character written: the terminator may be gone.
                    _ => found.filter(|(_, k)| index.is_some_and(|i| i < *k)),
                };
            }
            "call_expression" => {
                // A later write into the buffer by a library call.
                let writes = matches!(
                    ctx.model.call_name(n),
                    "strcpy"
                        | "strncpy"
                        | "strcat"
                        | "strncat"
                        | "memcpy"
                        | "memmove"
                        | "memset"
                        | "fgets"
                        | "sprintf"
                        | "snprintf"
                        | "read"
                        | "recv"
                        | "fread"
                        | "wcscpy"
                        | "wcsncpy"
                        | "wcscat"
                        | "wcsncat"
                        | "wmemset"
                        | "fgetws"
                );
                let into = call_args(n)
                    .first()
                    .is_some_and(|a| names.contains(&text(strip_parens_casts(*a), s)));
                if writes && into && found.is_some_and(|(end, _)| n.start_byte() >= end) {
                    found = None;
                }
            }
            _ => {}
        }
    }
    found.map(|(_, k)| k)
}

/// The constants `name` may hold at `at`: its last value in `func` when that is a constant
/// (`data = 10;`), or, for a parameter not yet reassigned, what every caller of the file
/// passes (each a constant, or a variable holding one). `None` when some value is not known.
pub fn constant_values(
    ctx: &CContext,
    func: &CFunction,
    name: &str,
    at: usize,
) -> Option<Vec<i64>> {
    constant_values_depth(ctx, func, name, at, 0)
}

fn constant_values_depth(
    ctx: &CContext,
    func: &CFunction,
    name: &str,
    at: usize,
    depth: usize,
) -> Option<Vec<i64>> {
    let s = ctx.src();
    if let Some(v) = last_value(func, name, at, s) {
        // Changed since by `+=`, `++` or a read into it: not this constant any more.
        let changed = func.nodes.iter().any(|&n| {
            n.start_byte() > v.end_byte()
                && n.start_byte() < at
                && match n.node_kind() {
                    "update_expression" => n.field("argument").is_some_and(|a| text(a, s) == name),
                    "assignment_expression" => {
                        n.field("left").is_some_and(|l| text(l, s) == name)
                            && n.field("operator").is_some_and(|o| text(o, s) != "=")
                    }
                    "pointer_expression" => {
                        n.child(0).is_some_and(|o| o.node_kind() == "&")
                            && n.field("argument").is_some_and(|a| text(a, s) == name)
                    }
                    _ => false,
                }
        });
        return (!changed)
            .then(|| ctx.model.const_int(v).map(|k| vec![k]))
            .flatten();
    }
    if depth >= MAX_CALLERS_DEPTH {
        return None;
    }
    let index = func.param_index(name)?;
    let mut out = Vec::new();
    for (caller, call) in ctx.model.calls_of(&func.name) {
        let arg = strip_parens_casts(*call_args(call).get(index)?);
        if let Some(k) = ctx.model.const_int(arg) {
            out.push(k);
        } else if arg.node_kind() == "identifier" {
            out.extend(constant_values_depth(
                ctx,
                caller,
                text(arg, s),
                call.start_byte(),
                depth + 1,
            )?);
        } else {
            return None;
        }
    }
    (!out.is_empty()).then_some(out)
}
