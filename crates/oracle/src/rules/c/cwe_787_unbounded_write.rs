//! ## CWE-787: unbounded or badly bounded write (`c/unbounded-write`)
//!
//! ### What it does
//! Finds writes into a buffer whose length nothing limits: `gets`;
//! `strcpy`/`strcat`/`stpcpy` from a source not known to fit; `sprintf`/
//! `vsprintf` with a `%s` (no precision) or whose longest output exceeds the
//! destination array; `scanf`-family `%s`/`%[` without a width; copies
//! bounded by the *source* (`strncpy(d, s, strlen(s))`, `sizeof(s)`);
//! `memcpy` into a fixed array, or `read`/`recv` into one, with an
//! unchecked, untrusted length; and writes that start at an offset into an
//! array but are bounded by the whole array (`recv(s, buf + pos,
//! sizeof(buf) - 1, 0)`, `snprintf(buf + n, sizeof buf, …)`).
//!
//! Arrays sized by a macro the snippet does not define count as fixed
//! storage, and the common libc/POSIX size macros (`INET_ADDRSTRLEN`,
//! `PATH_MAX`, `IFNAMSIZ` …) have their glibc/Linux values.
//!
//! ### Why is this bad?
//! A longer input overwrites adjacent stack or heap memory: return
//! addresses, pointers, other variables — the classic buffer overflow.
//!
//! ### Example
//! ```c
//! char name[32];
//! strcpy(name, argv[1]);
//! ```
//!
//! ### Use instead
//! ```c
//! char name[32];
//! snprintf(name, sizeof(name), "%s", argv[1]);
//! ```
//!
//! ### References
//! - MITRE, CWE-787: <https://cwe.mitre.org/data/definitions/787.html>

use super::CContext;
use crate::ast::{text, NodeExt};
use crate::c::concepts::src;
use crate::c::model::{call_args, root_name, string_literal, strip_parens_casts, CFunction};
use crate::finding::{Finding, Fix, RuleMeta, Severity};
use crate::source::Language;
use tree_sitter::Node;

pub static META: RuleMeta = RuleMeta {
    id: "c/unbounded-write",
    cwe: crate::Cwe::new(787),
    name: "Unbounded write",
    language: Language::C,
    severity: Severity::Critical,
    summary: "A buffer is written without a bound that fits the destination.",
};

/// Longest text a conversion can produce (CodeQL-style estimate).
fn conversion_len(conv: &str) -> Option<usize> {
    let last = conv.chars().last()?;
    Some(match last {
        'd' | 'i' => {
            if conv.contains("ll") || conv.contains('l') {
                20
            } else {
                11
            }
        }
        'u' => {
            if conv.contains('l') {
                20
            } else {
                10
            }
        }
        'x' | 'X' | 'o' => {
            if conv.contains('l') {
                22
            } else {
                11
            }
        }
        'c' => 1,
        'p' => 18,
        'f' | 'F' | 'e' | 'E' | 'g' | 'G' => 317,
        '%' => 1,
        's' => {
            let p = conv.split('.').nth(1)?;
            p.trim_end_matches('s').parse().ok()?
        }
        _ => return None,
    })
}

/// Maximum output length of a format, `None` if unbounded.
pub(crate) fn format_max_len(fmt: &str) -> Option<usize> {
    let mut len = 0;
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            chars.next();
            len += 1;
            continue;
        }
        if c != '%' {
            len += 1;
            continue;
        }
        let mut conv = String::new();
        while let Some(&n) = chars.peek() {
            conv.push(n);
            chars.next();
            if n.is_ascii_alphabetic() && !matches!(n, 'l' | 'h' | 'z' | 'j' | 't' | 'L')
                || n == '%'
            {
                break;
            }
        }
        len += conversion_len(&conv)?;
    }
    Some(len)
}

/// The bytes behind a copy's destination at `before` (an array, an alias of one, or a
/// constant-size allocation), and whether they are an allocation.
fn room_of(ctx: &CContext, func: &CFunction, d: Node, before: usize) -> Option<(i64, bool)> {
    let name = root_name(d, ctx.src())?;
    let st = crate::c::storage::of(ctx, func, &name, before)?;
    let array = func.array_len(ctx.model, &name).is_some()
        || crate::c::storage::aliased_array(ctx, func, &name, before).is_some();
    Some((st.bytes, !array))
}

/// The bytes a string copy of `src` writes when it is a literal or a local array initialised
/// with one (`char source[] = "..."`): its length plus the terminator.
fn literal_bytes(ctx: &CContext, func: &CFunction, src: Node) -> Option<i64> {
    let s = ctx.src();
    // The literal's bytes in memory: an escape (`\n`, `\0`, `\x41`) is one.
    let bytes = |lit: &str| {
        let mut n = 0i64;
        let mut chars = lit.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                chars.next();
            }
            n += 1;
        }
        n
    };
    // A literal, or a macro that stands for one (`#define PREFIX "ls -l "`).
    if let Some(lit) = ctx.model.string_value(src) {
        return Some(bytes(&lit) + 1);
    }
    if src.node_kind() != "identifier" {
        return None;
    }
    initialiser(func, ctx.text(src), s)
        .and_then(|v| string_literal(v, s))
        .map(|lit| bytes(&lit) + 1)
}

/// The value `name` is initialised with in its declaration in this function.
fn initialiser<'t>(func: &CFunction<'t>, name: &str, s: &str) -> Option<Node<'t>> {
    func.nodes.iter().find_map(|&n| {
        (n.node_kind() == "init_declarator"
            && n.field("declarator")
                .and_then(|x| crate::c::model::declarator_name(x, s))
                .as_deref()
                == Some(name))
        .then(|| n.field("value"))
        .flatten()
    })
}

/// Every `strcpy`/`strcat` into the fixed array `dst` in this function copies a source of
/// known largest length (a literal, a string macro, or a fixed array: its size less the
/// terminator), and those lengths plus the literal `dst` was initialised with still leave
/// room for the terminator: `char cmd[200] = "ls -l "; strcat(cmd, arg100);` cannot
/// overflow, whatever `arg100` holds.
///
/// A pointer set to the array (`data = dataBuffer; strcat(data, "*.*")`) stands for it: the
/// array's initialiser counts, and writes through either name.
fn concatenation_fits(ctx: &CContext, func: &CFunction, dst: &str, at: usize, room: i64) -> bool {
    let s = ctx.src();
    let array = crate::c::storage::aliased_array(ctx, func, dst, at);
    let names: Vec<&str> = std::iter::once(dst).chain(array.as_deref()).collect();
    let mut used = match initialiser(func, array.as_deref().unwrap_or(dst), s) {
        Some(v) => match ctx.model.string_value(v) {
            Some(lit) => lit.len() as i64,
            None if v.node_kind() == "initializer_list" => 0,
            None => return false,
        },
        None => 0,
    };
    for &(call, _) in &func.calls {
        let name = ctx.model.call_name(call);
        let args = call_args(call);
        if !args.first().is_some_and(|a| names.contains(&ctx.text(*a))) {
            continue;
        }
        if !matches!(name, "strcpy" | "strcat" | "wcscpy" | "wcscat") {
            // Written some other way too (`fgets`, `sprintf`): not all lengths are known.
            if matches!(
                name,
                "fgets" | "gets" | "sprintf" | "snprintf" | "vsprintf" | "vsnprintf" | "memcpy"
                    | "memmove" | "strncpy" | "strncat" | "stpcpy" | "wcsncpy" | "wcsncat"
                    | "fgetws" | "read" | "recv" | "recvfrom" | "fread"
            ) {
                return false;
            }
            continue;
        }
        let Some(&from) = args.get(1) else {
            return false;
        };
        let len = ctx.model.string_value(from).map(|l| l.len() as i64).or_else(|| {
            (from.node_kind() == "identifier")
                .then(|| func.array_len(ctx.model, ctx.text(from)))
                .flatten()
                .map(|n| n - 1)
        });
        match len {
            Some(l) => used += l,
            None => return false,
        }
    }
    used < room
}

pub fn check(ctx: &CContext, out: &mut Vec<Finding>) {
    let s = ctx.src();
    for (func, taint) in ctx.functions() {
        // The array a name is, or a pointer was last set to (`data = dataBuffer`): the
        // textbook overflow writes through such an alias.
        let array_len = |n: Node| -> Option<i64> {
            let name = root_name(n, s)?;
            func.array_len(ctx.model, &name)
                .or_else(|| {
                    crate::c::storage::aliased_array(ctx, func, &name, n.start_byte())
                        .and_then(|a| func.array_len(ctx.model, &a))
                })
                // A caller's array, passed down (see `storage::of`).
                .or_else(|| {
                    crate::c::storage::of(ctx, func, &name, n.start_byte())
                        .filter(|st| st.array)
                        .and_then(|st| st.elements)
                })
        };
        // Only the array itself: a fix written with `sizeof(d)` needs `d` to be the array.
        let own_len = |n: Node| -> Option<i64> { func.array_len(ctx.model, &root_name(n, s)?) };
        // Fixed storage, even when its size is a macro defined elsewhere.
        let is_array = |n: Node| -> bool {
            root_name(n, s).is_some_and(|name| func.is_array(ctx.model, &name))
                || array_len(n).is_some()
        };
        // C++: `std::cin >> buf` into a fixed array reads a whole word, however long, unless
        // `std::setw` in the same chain bounds it.
        for &n in &func.nodes {
            if n.node_kind() != "binary_expression" || !crate::c::taint::is_stream_read(n, s) {
                continue;
            }
            if ctx.text(n).contains("setw") {
                continue;
            }
            for r in crate::c::taint::stream_read_targets(n, s) {
                // Also a pointer to known storage: `char *buf = new char[8]; std::cin >> buf;`.
                let fixed = array_len(r).is_some()
                    || crate::c::storage::of(ctx, func, ctx.text(r), n.start_byte()).is_some();
                if fixed && r.node_kind() == "identifier" {
                    out.push(ctx.finding(
                        &META,
                        r,
                        format!(
                            "`{}` reads a word of any length into the fixed array `{}`.",
                            ctx.text(n).split(">>").next().unwrap_or("cin").trim(),
                            ctx.text(r)
                        ),
                    ));
                }
            }
        }
        for &(call, name) in &func.calls {
            let args = call_args(call);
            let dst = args.first().copied();
            let message: Option<String> = match name {
                "gets" | "_getws" => {
                    let mut f = ctx.finding(
                        &META,
                        call,
                        "`gets` cannot limit how much it writes.".into(),
                    );
                    if let Some(d) = dst {
                        if own_len(d).is_some() {
                            f.fix = ctx.fix(
                                "Read with fgets and the buffer size",
                                vec![ctx.edit(
                                    call,
                                    format!("fgets({0}, sizeof({0}), stdin)", ctx.text(d)),
                                )],
                            );
                        }
                    }
                    out.push(f);
                    None
                }
                "strcpy" | "strcat" | "stpcpy" | "wcscpy" | "wcscat" | "lstrcpy" | "lstrcat" => {
                    let (Some(d), Some(srcv)) = (dst, args.get(1).copied()) else {
                        continue;
                    };
                    // A literal (or an array holding one) copied into a buffer this function
                    // allocated with a constant size: both sizes are known.
                    if name.ends_with("cpy") && array_len(d).is_none() {
                        if let (Some(need), Some(room)) = (
                            literal_bytes(ctx, func, srcv),
                            room_of(ctx, func, d, call.start_byte()).map(|(room, _)| room),
                        ) {
                            if need > room {
                                out.push(ctx.finding(
                                    &META,
                                    call,
                                    format!(
                                        "`{name}` copies {need} bytes into `{}`, which was allocated with {room}.",
                                        ctx.text(d)
                                    ),
                                ));
                            }
                            continue;
                        }
                    }
                    // A source array whose whole size fits (`strcpy(dst[100], src[100])`), or
                    // one that does not: it may hold a string as long as its size.
                    let source_bytes = (srcv.node_kind() == "identifier"
                        && string_literal(srcv, s).is_none()
                        && literal_bytes(ctx, func, srcv).is_none())
                    .then(|| {
                        // The array itself, or the one a pointer was set to (`data = buffer`).
                        func.byte_array_len(ctx.model, ctx.text(srcv))
                            .or_else(|| array_len(srcv))
                    })
                    .flatten();
                    // The destination's room: its array, or the constant-size allocation a
                    // pointer holds (`new char[50]`, `malloc(50)`, here or in every caller).
                    let room = array_len(d).or_else(|| {
                        let dn = root_name(d, s)?;
                        crate::c::storage::of(ctx, func, &dn, call.start_byte())
                            .and_then(|st| st.elements.or(Some(st.bytes)))
                    });
                    if let (true, Some(need), Some(room)) =
                        (name.ends_with("cpy"), source_bytes, room)
                    {
                        if need > room && !length_checked(ctx, func, srcv, d, room, call.start_byte()) {
                            out.push(ctx.finding(
                                &META,
                                call,
                                format!(
                                    "`{name}` copies `{}`, which can hold a string of {} bytes, into `{}`, which holds {room}.",
                                    ctx.text(srcv),
                                    need - 1,
                                    ctx.text(d)
                                ),
                            ));
                        }
                        continue;
                    }
                    let fits = match (ctx.model.string_value(srcv), array_len(d)) {
                        (Some(lit), Some(n)) => name.ends_with("cpy") && (lit.len() as i64) < n,
                        _ => false,
                    } || (name.ends_with("cpy")
                        && array_len(d).is_some_and(|n| {
                            length_checked(ctx, func, srcv, d, n, call.start_byte())
                        }))
                        || (matches!(name, "strcpy" | "strcat" | "wcscpy" | "wcscat")
                        && d.node_kind() == "identifier"
                        && array_len(d).is_some_and(|n| concatenation_fits(ctx, func, ctx.text(d), call.start_byte(), n)));
                    // A parameter every caller fills with a string that fits
                    // (`memset(data, 'A', 49); data[49] = '\0'; good.action(data);`).
                    let fits = fits
                        || (name.ends_with("cpy")
                            && array_len(d).is_some_and(|n| {
                                callers_strings_fit(ctx, func, srcv, n)
                            }));
                    // Into a heap buffer: a problem only when the source is
                    // untrusted and the buffer was not sized from it.
                    let heap_ok = array_len(d).is_none()
                        && (!taint.of(srcv, s).is(src::LOCAL | src::REMOTE | src::PARAM)
                            || sized_from(ctx, func, d, srcv));
                    if fits || heap_ok {
                        None
                    } else {
                        let mut f = ctx.finding(
                            &META,
                            call,
                            format!(
                                "`{name}` copies into `{}` without checking that the source fits.",
                                ctx.text(d)
                            ),
                        );
                        if name == "strcat"
                            && own_len(d).is_some()
                            && d.node_kind() == "identifier"
                        {
                            f.fix = ctx.fix(
                                "Use strncat with the room left in the destination",
                                vec![ctx.edit(
                                    call,
                                    format!(
                                        "strncat({0}, {1}, sizeof({0}) - strlen({0}) - 1)",
                                        ctx.text(d),
                                        ctx.text(srcv)
                                    ),
                                )],
                            );
                        }
                        if name == "strcpy"
                            && own_len(d).is_some()
                            && d.node_kind() == "identifier"
                        {
                            f.fix = ctx.fix(
                                "Use snprintf with the destination size",
                                vec![ctx.edit(
                                    call,
                                    format!(
                                        "snprintf({0}, sizeof({0}), \"%s\", {1})",
                                        ctx.text(d),
                                        ctx.text(srcv)
                                    ),
                                )],
                            );
                        }
                        out.push(f);
                        None
                    }
                }
                "sprintf" | "vsprintf" | "swprintf_unbounded" => {
                    let (Some(d), Some(fmt)) = (dst, args.get(1).copied()) else {
                        continue;
                    };
                    let bad = match string_literal(fmt, s) {
                        Some(f) => match (format_max_len(&f), array_len(d)) {
                            // `malloc(strlen(home) + 16)` then `sprintf(path, "%s/.apprc",
                            // home)`: sized from every string it formats, with room for the
                            // rest of the format.
                            (None, None)
                                if sized_for_format(ctx, func, d, &f, &args[2..]) =>
                            {
                                None
                            }
                            (None, _) => Some("a `%s` conversion has no precision".to_string()),
                            (Some(max), Some(n)) if max as i64 >= n => Some(format!(
                                "the output can take {} bytes but `{}` holds {n}",
                                max + 1,
                                ctx.text(d)
                            )),
                            _ => None,
                        },
                        None => Some("the format is not a literal".to_string()),
                    };
                    if let Some(why) = bad {
                        let mut f = ctx.finding(
                            &META,
                            call,
                            format!(
                                "`{name}` may write past the end of `{}`: {why}.",
                                ctx.text(d)
                            ),
                        );
                        if name == "sprintf"
                            && own_len(d).is_some()
                            && d.node_kind() == "identifier"
                        {
                            let rest: Vec<&str> =
                                args.iter().skip(1).map(|a| ctx.text(*a)).collect();
                            f.fix = ctx.fix(
                                "Use snprintf with the destination size",
                                vec![ctx.edit(
                                    call,
                                    format!(
                                        "snprintf({0}, sizeof({0}), {1})",
                                        ctx.text(d),
                                        rest.join(", ")
                                    ),
                                )],
                            );
                        }
                        out.push(f);
                    }
                    None
                }
                "scanf" | "fscanf" | "sscanf" | "wscanf" => {
                    let fi = if name == "scanf" || name == "wscanf" {
                        0
                    } else {
                        1
                    };
                    let Some(fmt) = args.get(fi).and_then(|f| string_literal(*f, s)) else {
                        continue;
                    };
                    let unbounded = fmt.match_indices('%').any(|(i, _)| {
                        let rest = &fmt[i + 1..];
                        rest.starts_with('s') || rest.starts_with('[') || rest.starts_with("ls")
                    });
                    if unbounded {
                        let mut f = ctx.finding(
                            &META,
                            call,
                            format!("`{name}` reads a string with `%s` and no field width."),
                        );
                        f.fix = field_widths(ctx, &args, fi, &array_len);
                        out.push(f);
                    }
                    None
                }
                "strncpy" | "memcpy" | "memmove" | "strncat" | "wcsncpy" | "wcsncat"
                | "wmemcpy" | "wmemmove" => {
                    // The wide forms count `wchar_t`s where the others count bytes; the
                    // comparisons of whole sources below hold for both.
                    let is_cat = matches!(name, "strncat" | "wcsncat");
                    let (Some(d), Some(sv), Some(n)) =
                        (dst, args.get(1).copied(), args.get(2).copied())
                    else {
                        continue;
                    };
                    let n_text = ctx.text(n).replace(' ', "");
                    let src_text = ctx.text(sv).replace(' ', "");
                    let dst_text = ctx.text(d).replace(' ', "");
                    // The whole source is copied, and nothing bounded it or its length
                    // variable before the call.
                    let whole_source = src_text != dst_text
                        && (n_text == format!("strlen({src_text})")
                            || n_text == format!("wcslen({src_text})")
                            || n_text == format!("sizeof({src_text})")
                            || n_text == format!("strlen({src_text})+1")
                            || n_text == format!("wcslen({src_text})+1")
                            || strlen_alias(ctx, func, &n_text, &src_text)
                            || cpp_whole_length(&n_text, &src_text))
                        && !func.bounded_before(&src_text, call.start_byte())
                        && crate::c::model::identifiers(n, s)
                            .iter()
                            .all(|v| !func.bounded_before(v, call.start_byte()));
                    // A destination at least as long as the source's array holds all of it
                    // (a copy; a concatenation adds to what the destination holds).
                    let fits = !is_cat
                        && matches!(
                        (array_len(d), array_len(sv)),
                        (Some(dl), Some(sl)) if dl >= sl
                    );
                    // A source terminated at a known index (`data[49] = '\0'`) moves at most
                    // that many characters: after what the destination's initialiser holds, a
                    // concatenation fits when they leave room for the terminator.
                    let held = if is_cat {
                        initialiser(func, &dst_text, s).and_then(|v| ctx.model.string_value(v)).map(|l| l.len() as i64)
                    } else {
                        Some(0)
                    };
                    let fits = fits
                        || matches!(
                            (
                                held,
                                crate::c::storage::longest_string(ctx, func, &src_text, call.start_byte()),
                                array_len(d),
                            ),
                            (Some(h), Some(l), Some(dl)) if h + l < dl
                        );
                    if whole_source && is_array(d) && !fits {
                        Some(format!(
                            "`{name}` is bounded by the size of its source, not of `{dst_text}`."
                        ))
                    } else if whole_source
                        && !is_cat
                        && array_len(d).is_none()
                        && taint.of(sv, s).is(src::LOCAL | src::REMOTE | src::PARAM)
                        && !sized_from(ctx, func, d, sv)
                    {
                        // `memcpy(dst, src, strlen(src) + 1)` is `strcpy(dst, src)`: into a
                        // buffer this function did not size from the source, an untrusted
                        // source may not fit.
                        Some(format!(
                            "`{name}` copies all of its source into `{dst_text}` without checking that it fits."
                        ))
                    } else if let (true, Some(need), Some((room, _))) = (
                        whole_source && !is_cat && array_len(d).is_none(),
                        crate::c::loops::value(ctx, func, n),
                        room_of(ctx, func, d, call.start_byte()),
                    ) {
                        // `strncpy(data, source, strlen(source) + 1)` into an allocation: the
                        // source's known length against the allocation's size.
                        (need > room).then(|| {
                            format!("`{name}` copies up to {need} bytes of `{src_text}` into `{dst_text}`, which was allocated with {room}.")
                        })
                    } else if is_cat
                        && (n_text == format!("sizeof({dst_text})")
                            || n_text == format!("sizeof{dst_text}"))
                    {
                        Some("`strncat`'s bound must leave room for what the destination already holds.".to_string())
                    } else if matches!(name, "memcpy" | "memmove" | "memset")
                        && whole_struct_into_member(ctx, d, &n_text)
                    {
                        Some(format!(
                            "`{name}` writes `{}` bytes, the size of the whole struct, into its member `{dst_text}`.",
                            ctx.text(n)
                        ))
                    } else if let (true, Some(count), Some(room)) = (
                        matches!(name, "memcpy" | "memmove" | "strncpy"),
                        ctx.model.const_int(n),
                        room_of(ctx, func, d, call.start_byte()),
                    ) {
                        (count > room.0).then(|| {
                            let (room, heap) = room;
                            if heap {
                                format!("`{name}` copies {count} bytes into `{dst_text}`, which was allocated with {room}.")
                            } else {
                                format!("`{name}` copies {count} bytes into `{dst_text}`, which holds {room}.")
                            }
                        })
                    } else if let (true, Some(count), Some(room)) = (
                        matches!(name, "wcsncpy" | "wmemcpy" | "wmemmove"),
                        ctx.model.const_int(n),
                        array_len(d),
                    ) {
                        // The wide forms count `wchar_t`s: compare with the elements.
                        (count > room).then(|| {
                            format!("`{name}` copies {count} wide characters into `{dst_text}`, which holds {room}.")
                        })
                    } else if let Some((r, cap)) = matches!(name, "memcpy" | "memmove")
                        .then(|| received_into(ctx, func, d, n, call.start_byte()))
                        .flatten()
                    {
                        (r.most > cap).then(|| {
                            format!(
                                "`{name}` copies `{}` bytes, which `{}` (line {}) can make {}, into `{dst_text}`, which holds {cap}.",
                                ctx.text(n),
                                r.name,
                                ctx.line(r.call),
                                r.most
                            )
                        })
                    } else if matches!(name, "memcpy" | "memmove")
                        && is_array(d)
                        && !crate::c::model::is_length_of(&n_text, &dst_text)
                    {
                        let t = taint.of(n, s);
                        let vars = crate::c::model::identifiers(n, s);
                        let unchecked = vars
                            .iter()
                            .all(|v| !func.bounded_before(v, call.start_byte()));
                        (t.is(src::LOCAL | src::REMOTE | src::PARAM) && unchecked && !n_text.starts_with("sizeof"))
                            .then(|| format!("`{name}` copies an unchecked length into the fixed array `{dst_text}`."))
                    } else {
                        None
                    }
                }
                // `read(fd, buf, n)`, `recv(sock, buf, n, 0)`: a length taken
                // from input, into fixed storage, with nothing bounding it.
                "read" | "recv" | "recvfrom" | "pread" => {
                    let (Some(d), Some(n)) = (args.get(1).copied(), args.get(2).copied()) else {
                        continue;
                    };
                    let n_text = ctx.text(n).replace(' ', "");
                    let vars = crate::c::model::identifiers(n, s);
                    let unchecked = !vars.is_empty()
                        && vars
                            .iter()
                            .all(|v| !func.bounded_before(v, call.start_byte()));
                    (is_array(d)
                        && unchecked
                        && !n_text.contains("sizeof")
                        && taint.of(n, s).is(src::LOCAL | src::REMOTE))
                    .then(|| {
                        format!(
                            "`{name}` reads a length that came from input, unchecked, into the fixed array `{}`.",
                            ctx.text(d)
                        )
                    })
                }
                _ => None,
            };
            if let Some(m) = message {
                out.push(ctx.finding(&META, call, m));
            } else if let Some(m) = size_ignores_offset(ctx, func, name, &args) {
                out.push(ctx.finding(&META, call, m));
            } else if let Some(m) = size_exceeds_room(ctx, func, name, &args, call.start_byte()) {
                out.push(ctx.finding(&META, call, m));
            }
        }
    }
}

/// `recv(sock, line + pos, sizeof(line) - 1, 0)`, `snprintf(buf + n, sizeof buf, …)`:
/// the write starts at a run-time offset into a fixed array but is bounded by
/// the whole array's size, so it runs past the end by the offset.
/// A copy's length that is a count a read call returned, into a byte array of known size:
/// the count and the array's bytes.
fn received_into<'t>(
    ctx: &CContext<'_, 't>,
    func: &CFunction<'t>,
    dst: Node,
    len: Node,
    at: usize,
) -> Option<(crate::c::received::Received<'t>, i64)> {
    let len = crate::c::model::strip_parens_casts(len);
    if len.node_kind() != "identifier" {
        return None;
    }
    let cap = func.byte_array_len(ctx.model, &crate::c::model::root_name(dst, ctx.src())?)?;
    let r = crate::c::received::count_at(ctx, func, ctx.text(len), at)?;
    Some((r, cap))
}

/// A bounded write whose constant bound is larger than its destination: `snprintf(data, 100,
/// …)` or `fgets(data, 100, f)` where `data` holds 50 bytes (often through an alias,
/// `data = dataBuffer`): the bound lets the call write past the end.
fn size_exceeds_room(
    ctx: &CContext,
    func: &CFunction,
    name: &str,
    args: &[Node],
    at: usize,
) -> Option<String> {
    let (d, n) = match name {
        "snprintf" | "vsnprintf" | "fgets" => (0, 1),
        "memset" => (0, 2),
        "read" | "pread" | "recv" | "recvfrom" => (1, 2),
        // C++ streams: `std::cin.getline(buf, 64)`, `in.get(buf, n)`, `in.read(buf, n)`.
        _ if [".getline", ".get", ".read"].iter().any(|m| name.ends_with(m)) => (0, 1),
        _ => return None,
    };
    let dst = *args.get(d)?;
    // A constant, or a string's length (`strlen(data)` with `data` terminated at 99).
    let size = crate::c::loops::value(ctx, func, *args.get(n)?)?;
    let (room, _) = room_of(ctx, func, dst, at)?;
    (size > room).then(|| {
        format!(
            "`{name}` may write {size} bytes into `{}`, which holds {room}.",
            ctx.text(dst)
        )
    })
}

fn size_ignores_offset(
    ctx: &CContext,
    func: &crate::c::model::CFunction,
    name: &str,
    args: &[Node],
) -> Option<String> {
    let (d, n) = match name {
        "memcpy" | "memmove" | "memset" | "strncpy" | "strncat" | "strlcpy" | "strlcat" => (0, 2),
        "snprintf" | "vsnprintf" | "fgets" => (0, 1),
        "read" | "pread" | "recv" | "recvfrom" => (1, 2),
        _ => return None,
    };
    let dst = strip_parens_casts(*args.get(d)?);
    let size = strip_parens_casts(*args.get(n)?);
    // The array and the run-time offset into it.
    let (array, offset) = match dst.node_kind() {
        "binary_expression" if dst.field("operator").map(|o| ctx.text(o)) == Some("+") => {
            (strip_parens_casts(dst.field("left")?), dst.field("right")?)
        }
        "pointer_expression" if ctx.text(dst).starts_with('&') => {
            let sub = strip_parens_casts(dst.field("argument")?);
            if sub.node_kind() != "subscript_expression" {
                return None;
            }
            (
                strip_parens_casts(sub.field("argument")?),
                sub.field("index")?,
            )
        }
        _ => return None,
    };
    if array.node_kind() != "identifier" || ctx.model.const_int(offset).is_some() {
        return None;
    }
    let array_name = ctx.text(array);
    if !func.is_array(ctx.model, array_name) {
        return None;
    }
    // The bound: `sizeof(buf)`, `sizeof buf`, or that minus a constant.
    let whole = |e: Node| -> bool {
        e.node_kind() == "sizeof_expression"
            && ctx.text(e).replace([' ', '(', ')'], "") == format!("sizeof{array_name}")
    };
    let bounded_by_whole = whole(size)
        || (size.node_kind() == "binary_expression"
            && size.field("operator").map(|o| ctx.text(o)) == Some("-")
            && size
                .field("left")
                .map(strip_parens_casts)
                .is_some_and(whole)
            && size
                .field("right")
                .is_some_and(|r| ctx.model.const_int(r).is_some()));
    bounded_by_whole.then(|| {
        format!(
            "`{name}` writes at `{}` but is bounded by the size of all of `{array_name}` (`{}`), so it can run `{}` bytes past the end.",
            ctx.text(dst).split_whitespace().collect::<Vec<_>>().join(" "),
            ctx.text(size).split_whitespace().collect::<Vec<_>>().join(" "),
            ctx.text(offset).split_whitespace().collect::<Vec<_>>().join(" ")
        )
    })
}

/// True if `dst` was allocated with a size computed from `src`
/// (`malloc(strlen(a) + strlen(b) + 1)` covers copies of `a` and `b`).
/// `n` is `len` or `len + 1` for a `len` this function set to `strlen(source)`
/// (`size_t len = strlen(src); memcpy(dst, src, len + 1)`).
/// `memcpy(cv.first, src, sizeof(cv))`: the size of a whole struct (`sizeof(cv)`,
/// `sizeof(*p)` for `p->first`) written into one of its array members, in a file whose struct
/// with that array member has other members after it (textbook suites' type overrun).
fn whole_struct_into_member(ctx: &CContext, d: Node, n_text: &str) -> bool {
    let s = ctx.src();
    let d = crate::c::model::strip_parens_casts(d);
    if d.node_kind() != "field_expression" {
        return false;
    }
    let (Some(base), Some(field)) = (d.field("argument"), d.field("field")) else {
        return false;
    };
    let arrow = d.child(1).is_some_and(|o| o.node_kind() == "->");
    let base = crate::c::model::squeezed(ctx.text(base));
    let whole = if arrow { format!("*{base}") } else { base };
    if crate::c::model::sizeof_operand(n_text) != Some(whole.as_str()) {
        return false;
    }
    let field = ctx.text(field);
    // A struct of the file with `field` as an array member followed by another member.
    let mut found = false;
    crate::ast::preorder(ctx.model.root, |list| {
        if found || list.node_kind() != "field_declaration_list" {
            return;
        }
        let members: Vec<Node> = crate::ast::named_children(list)
            .into_iter()
            .filter(|m| m.node_kind() == "field_declaration")
            .collect();
        let at = members.iter().position(|m| {
            m.field("declarator").is_some_and(|x| {
                x.node_kind() == "array_declarator"
                    && crate::c::model::declarator_name(x, s).as_deref() == Some(field)
            })
        });
        found = at.is_some_and(|i| i + 1 < members.len());
    });
    found
}

fn strlen_alias(
    ctx: &CContext,
    func: &crate::c::model::CFunction,
    n_text: &str,
    src_text: &str,
) -> bool {
    let var = n_text.strip_suffix("+1").unwrap_or(n_text);
    if var.is_empty() || !var.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return false;
    }
    let mut found = false;
    each_assignment(ctx, func, |t, v| {
        let value = ctx.text(v).replace(' ', "");
        found |= t == var
            && (value == format!("strlen({src_text})") || value == format!("wcslen({src_text})"));
    });
    found
}

/// Every `target = value` of a function, declarations with an initialiser included.
fn each_assignment<'t>(
    ctx: &CContext<'_, 't>,
    func: &crate::c::model::CFunction<'t>,
    mut visit: impl FnMut(&str, Node<'t>),
) {
    let s = ctx.src();
    func.preorder(|n| {
        let (target, value) = match n.node_kind() {
            "init_declarator" => (
                n.field("declarator")
                    .and_then(|d| crate::c::model::declarator_name(d, s)),
                n.field("value"),
            ),
            "assignment_expression" => (
                n.field("left").map(|l| ctx.text(l).to_string()),
                n.field("right"),
            ),
            _ => return,
        };
        if let (Some(t), Some(v)) = (target, value) {
            visit(&t, v);
        }
    });
}

/// The heap destination of a `sprintf` was allocated from the lengths of every `%s`
/// argument plus constants that cover the rest of the format and the terminator
/// (`malloc(strlen(home) + 16)` for `"%s/.apprc"`). Only plain `%s` conversions count as
/// unbounded; others are measured by [`format_max_len`].
fn sized_for_format(
    ctx: &CContext,
    func: &crate::c::model::CFunction,
    dst: Node,
    fmt: &str,
    args: &[Node],
) -> bool {
    let strings = fmt.matches("%s").count();
    let Some(rest) = format_max_len(&fmt.replace("%s", "")) else {
        return false;
    };
    if strings == 0 || args.len() < strings {
        return false;
    }
    // Which arguments the `%s` conversions take, in order.
    let mut string_args = Vec::new();
    let mut i = 0;
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            continue;
        }
        match chars.next() {
            Some('%') | None => {}
            Some('s') => {
                string_args.extend(args.get(i).copied());
                i += 1;
            }
            Some(_) => i += 1,
        }
    }
    if string_args.len() != strings
        || !string_args.iter().all(|a| {
            ctx.model.string_value(*a).is_some() || sized_from(ctx, func, dst, *a)
        })
    {
        return false;
    }
    let dst_name = ctx.text(dst);
    let mut slack: Option<i64> = None;
    each_assignment(ctx, func, |t, v| {
        if t != dst_name {
            return;
        }
        let v = strip_parens_casts(v);
        if v.node_kind() != "call_expression" || !ctx.model.call_name(v).ends_with("alloc") {
            slack = None;
            return;
        }
        // The constant addends of the size: `strlen(a) + strlen(b) + 16` → 16.
        let mut sum = 0;
        let mut stack: Vec<Node> = call_args(v).last().copied().into_iter().collect();
        while let Some(e) = stack.pop() {
            let e = strip_parens_casts(e);
            if e.node_kind() == "binary_expression"
                && e.field("operator").is_some_and(|o| ctx.text(o) == "+")
            {
                stack.extend(e.field("left"));
                stack.extend(e.field("right"));
            } else if let Some(k) = ctx.model.const_int(e) {
                sum += k;
            }
        }
        slack = Some(sum);
    });
    let literals: i64 = string_args
        .iter()
        .filter_map(|a| ctx.model.string_value(*a))
        .map(|v| v.len() as i64)
        .sum();
    slack.is_some_and(|k| k >= rest as i64 + 1 + literals)
}

fn sized_from(ctx: &CContext, func: &crate::c::model::CFunction, dst: Node, srcv: Node) -> bool {
    let s = ctx.src();
    let dst_name = ctx.text(dst);
    let src_ids = crate::c::model::identifiers(srcv, s);
    let mut found = false;
    each_assignment(ctx, func, |t, v| {
        let vt = ctx.text(v);
        if t == dst_name && (vt.contains("alloc") || vt.contains("strdup")) {
            // Sized from the source directly or through a length
            // variable (`len1 = strlen(str1); malloc(len1 + …)`).
            let mut ids = crate::c::model::identifiers(v, s);
            let derived: Vec<String> = func
                .assigns
                .iter()
                .filter(|(_, target, _)| ids.contains(target))
                .flat_map(|(_, _, from)| from.iter().cloned())
                .collect();
            ids.extend(derived);
            if src_ids.iter().any(|i| ids.contains(i)) {
                found = true;
            }
        }
    });
    found
}

/// `scanf("%s", word)` with `char word[64]` → `scanf("%63s", word)`: each `%s` without a
/// width gets the size of its array less one (room for the terminator). None when some
/// `%s` or `%[` reads into storage of unknown size.
fn field_widths(
    ctx: &CContext,
    args: &[Node],
    format_index: usize,
    array_len: &dyn Fn(Node) -> Option<i64>,
) -> Option<Fix> {
    let literal = *args.get(format_index)?;
    let raw = ctx.text(literal);
    if literal.node_kind() != "string_literal" {
        return None;
    }
    let mut out = String::with_capacity(raw.len() + 8);
    let mut next_arg = format_index + 1;
    let mut chars = raw.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        out.push(c);
        if c != '%' {
            continue;
        }
        if chars.peek().is_some_and(|&(_, n)| n == '%') {
            out.push('%');
            chars.next();
            continue;
        }
        let suppressed = chars.peek().is_some_and(|&(_, n)| n == '*');
        let mut spec = String::new();
        while let Some(&(_, n)) = chars.peek() {
            if n.is_ascii_digit() || matches!(n, '*' | 'h' | 'l' | 'L' | 'j' | 'z' | 't' | 'm') {
                spec.push(n);
                chars.next();
            } else {
                break;
            }
        }
        let &(_, conv) = chars.peek()?;
        let has_width = spec.chars().any(|d| d.is_ascii_digit());
        if matches!(conv, 's' | '[') && !has_width && !suppressed {
            if conv == '[' || spec.contains('l') || spec.contains('m') {
                return None;
            }
            let n = array_len(*args.get(next_arg)?)?;
            if n < 2 {
                return None;
            }
            out.push_str(&(n - 1).to_string());
        }
        out.push_str(&spec);
        if !suppressed {
            next_arg += 1;
        }
    }
    ctx.fix(
        "Give each %s the width of its buffer",
        vec![ctx.edit(literal, out)],
    )
}

/// C++: `n` is the whole length of the string `src` views (`s.c_str()` or `s.data()` with
/// `s.size()`, `s.length()`, or either plus one).
fn cpp_whole_length(n: &str, src: &str) -> bool {
    let Some(obj) = viewed_string(src) else {
        return false;
    };
    ["size()", "length()"].iter().any(|m| {
        n == format!("{obj}.{m}") || n == format!("{obj}.{m}+1")
    })
}

/// Before `at`, `func` compared the source's length (`strlen(src)`, `wcslen(src)`, or for
/// `s.c_str()` `s.size()`/`s.length()`) with the destination's size (`sizeof dst`, or a
/// constant no larger than its `n` elements): `if (strlen(src) >= sizeof dst) return;`
/// before `strcpy(dst, src)`.
fn length_checked(ctx: &CContext, func: &CFunction, srcv: Node, d: Node, n: i64, at: usize) -> bool {
    let s = ctx.src();
    let src_text = ctx.text(strip_parens_casts(srcv)).replace(' ', "");
    let object = viewed_string(&src_text).map(str::to_string);
    let dst_text = ctx.text(d).replace(' ', "");
    let measures = |x: Node| {
        let t = ctx.text(strip_parens_casts(x)).replace(' ', "");
        t == format!("strlen({src_text})")
            || t == format!("wcslen({src_text})")
            || object
                .as_ref()
                .is_some_and(|o| t == format!("{o}.size()") || t == format!("{o}.length()"))
    };
    let sized = |x: Node| {
        let t = ctx.text(strip_parens_casts(x)).replace(' ', "");
        t == format!("sizeof({dst_text})")
            || t == format!("sizeof{dst_text}")
            || t.strip_suffix("-1").is_some_and(|u| u == format!("sizeof({dst_text})") || u == format!("sizeof{dst_text}"))
            || ctx.model.const_int(x).is_some_and(|c| c <= n)
    };
    func.nodes.iter().any(|&x| {
        x.start_byte() < at
            && x.node_kind() == "binary_expression"
            && x.field("operator")
                .is_some_and(|o| matches!(text(o, s), "<" | "<=" | ">" | ">="))
            && match (x.field("left"), x.field("right")) {
                (Some(l), Some(r)) => (measures(l) && sized(r)) || (measures(r) && sized(l)),
                _ => false,
            }
    })
}

/// C++: the string object `s.c_str()` or `s.data()` (spaces removed) is a view of.
fn viewed_string(src: &str) -> Option<&str> {
    src.strip_suffix(".c_str()")
        .or_else(|| src.strip_suffix(".data()"))
}

/// `src` is a parameter of `func`, and every call of `func` in the file (at least one, by
/// name or as a method) passes a string whose longest length at the call is known
/// ([`crate::c::storage::longest_string`]) and shorter than `room`.
fn callers_strings_fit(ctx: &CContext, func: &CFunction, src: Node, room: i64) -> bool {
    let s = ctx.src();
    let src = strip_parens_casts(src);
    let Some(i) = (src.node_kind() == "identifier")
        .then(|| func.param_index(ctx.text(src)))
        .flatten()
    else {
        return false;
    };
    let mut calls = 0;
    for (caller, call) in ctx.model.calls_of(&func.name) {
        let Some(arg) = call_args(call).get(i).and_then(|a| root_name(*a, s)) else {
            return false;
        };
        match crate::c::storage::longest_string(ctx, caller, &arg, call.start_byte()) {
            Some(len) if len < room => calls += 1,
            _ => return false,
        }
    }
    calls > 0
}

#[cfg(test)]
mod tests {
    use super::format_max_len;

    #[test]
    fn estimates_format_lengths() {
        assert_eq!(format_max_len("%d"), Some(11));
        assert_eq!(format_max_len("id=%d;"), Some(15));
        assert_eq!(format_max_len("%s"), None);
        assert_eq!(format_max_len("%.10s!"), Some(11));
        assert_eq!(format_max_len("%f"), Some(317));
    }
}
