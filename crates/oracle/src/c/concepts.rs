//! libc concepts: sources of untrusted data, functions whose result may be
//! NULL, and the families of string/memory writers.

use crate::ast::NodeExt;

/// Taint source bits (same meaning as for Python).
pub mod src {
    pub const REMOTE: u32 = 1;
    pub const LOCAL: u32 = 2;
    pub const PARAM: u32 = 4;
    /// `rand()`: uncontrolled, not attacker-chosen, but unbounded.
    pub const RANDOM: u32 = 16;
    /// A type's largest value (`INT_MAX`, `UINT64_MAX`): one more wraps.
    pub const LIMIT_MAX: u32 = 32;
    /// A type's smallest value (`INT_MIN`, `LLONG_MIN`): one less wraps.
    pub const LIMIT_MIN: u32 = 64;
}

/// The limit a `<limits.h>`/`<stdint.h>` macro names: [`src::LIMIT_MAX`], [`src::LIMIT_MIN`]
/// or 0. Textbook suites start an overflow from one (`data = INT_MAX; result = data + 1`).
pub fn type_limit(name: &str) -> u32 {
    match name {
        "INT_MAX" | "UINT_MAX" | "LONG_MAX" | "ULONG_MAX" | "LLONG_MAX" | "ULLONG_MAX"
        | "SHRT_MAX" | "USHRT_MAX" | "CHAR_MAX" | "SCHAR_MAX" | "UCHAR_MAX" | "INT8_MAX"
        | "UINT8_MAX" | "INT16_MAX" | "UINT16_MAX" | "INT32_MAX" | "UINT32_MAX" | "INT64_MAX"
        | "UINT64_MAX" | "SIZE_MAX" | "SSIZE_MAX" => src::LIMIT_MAX,
        "INT_MIN" | "LONG_MIN" | "LLONG_MIN" | "SHRT_MIN" | "CHAR_MIN" | "SCHAR_MIN"
        | "INT8_MIN" | "INT16_MIN" | "INT32_MIN" | "INT64_MIN" => src::LIMIT_MIN,
        _ => 0,
    }
}

/// Calls that fill their buffer argument (index) with external data.
pub fn input_buffer_arg(name: &str) -> Option<(usize, u32)> {
    Some(match name {
        "fgets" | "gets" | "fread" | "getline" | "fgetws" => (0, src::LOCAL),
        "read" | "pread" => (1, src::LOCAL),
        "recv" | "recvfrom" | "recvmsg" => (1, src::REMOTE),
        _ => return None,
    })
}

/// C++ methods whose result is (a view of) the object's own data: `c_str`, `data`, `substr`…
pub fn is_view_method(name: &str) -> bool {
    matches!(
        name,
        "c_str" | "data" | "substr" | "str" | "at" | "front" | "back" | "append" | "value"
    )
}

/// Calls whose return value is external data.
pub fn source_call(name: &str) -> u32 {
    match name {
        "getenv" | "secure_getenv" | "_wgetenv" | "getchar" | "fgetc" | "getc" | "getopt" => {
            src::LOCAL
        }
        "rand" | "random" | "lrand48" | "drand48" => src::RANDOM,
        _ => 0,
    }
}

/// Calls that convert their argument to a number, keeping its taint.
pub fn is_conversion(name: &str) -> bool {
    matches!(
        name,
        "atoi"
            | "atol"
            | "atoll"
            | "atof"
            | "strtol"
            | "strtoul"
            | "strtoll"
            | "strtoull"
            | "strtod"
            | "strtof"
            | "sscanf"
    )
}

/// Writers that copy their later arguments into the first one:
/// (destination index, interpolates (builds a string)).
pub fn writer(name: &str) -> Option<(usize, bool)> {
    Some(match name {
        "sprintf" | "snprintf" | "vsprintf" | "vsnprintf" => (0, true),
        "strcat" | "strncat" | "strlcat" | "wcscat" | "wcsncat" => (0, true),
        "strcpy" | "strncpy" | "strlcpy" | "stpcpy" | "wcscpy" | "memcpy" | "memmove"
        | "wcsncpy" | "wmemcpy" | "wmemmove" => (0, false),
        _ => return None,
    })
}

/// Which argument of a call is the memory it releases, if the call is a
/// deallocator: the first for `free`, `kfree`, `foo_free`, `FreeStmt`,
/// `bar_destroy`, `cifs_small_buf_release`; the second for
/// `devm_kfree(dev, p)` and `kmem_cache_free(cache, p)`.
///
/// Not counted: helpers that also clear the pointer (`av_freep`,
/// `Curl_safefree`, `R_FREE`, `g_clear_pointer`), releases of non-memory
/// (`free_irq`, pages, locks, sockets held by `release_sock`), DMA and pool
/// frees, and `free_<part>(obj)`, which releases something `obj` holds.
/// A project's `<type>_free` counts only with one argument: `mrb_free(mrb, p)`
/// frees `p`, not the interpreter state in front of it.
pub fn deallocator_arg(name: &str, nargs: usize) -> Option<usize> {
    let n = name.to_ascii_lowercase();
    if never_frees(name) {
        return None;
    }
    if n == "devm_kfree" || n == "kmem_cache_free" {
        return (nargs == 2).then_some(1);
    }
    if is_plain_free(name) {
        return Some(0);
    }
    if nargs != 1 {
        return None;
    }
    let tokens: Vec<&str> = n.split('_').collect();
    let last = tokens.last().copied().unwrap_or("");
    let frees = last.ends_with("free")
        || last == "destroy"
        || (last == "release" && tokens.len() > 1)
        || name.starts_with("Free")
        || name.starts_with("Destroy");
    frees.then_some(0)
}

/// The C library's, the kernel's and common libraries' frees of their one
/// argument (any case: `KFREE` too).
pub fn is_plain_free(name: &str) -> bool {
    matches!(
        name.to_ascii_lowercase().as_str(),
        "free"
            | "kfree"
            | "vfree"
            | "kvfree"
            | "g_free"
            | "xfree"
            | "cfree"
            | "av_free"
            | "pymem_free"
    )
}

/// `exit(1);`, `abort();`, and the error macros projects return or throw
/// through: `LOG_TEST_RET(…)`, `RETURN(…)`, `ThrowReaderException(…)`.
pub fn ends_path(name: &str) -> bool {
    if matches!(
        name,
        "exit" | "abort" | "_exit" | "err" | "errx" | "longjmp" | "siglongjmp"
    ) {
        return true;
    }
    let caps = name
        .chars()
        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    (caps
        && name
            .split('_')
            .any(|t| t == "RET" || t == "RETURN" || t == "THROW" || t == "FATAL"))
        || name.starts_with("Throw")
}

/// Names that look like frees but do not release the memory their argument
/// points to, or also clear the pointer (see [`deallocator_arg`]).
pub fn never_frees(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.ends_with("freep")
        || n.contains("safefree")
        || n.contains("and_null")
        || n.contains("clear")
        || n == "r_free"
        || [
            "irq", "page", "freeze", "percpu", "addrinfo", "dma", "pool", "coherent", "lock",
            "mutex", "sem", "sock", "region", "->", ".",
        ]
        .iter()
        .any(|k| n.contains(k))
}

/// Functions that return NULL on failure, so their result must be checked.
pub fn returns_nullable(name: &str) -> bool {
    const EXACT: &[&str] = &[
        "malloc",
        "calloc",
        "realloc",
        "reallocarray",
        "aligned_alloc",
        "strdup",
        "strndup",
        "fopen",
        "fdopen",
        "freopen",
        "tmpfile",
        "popen",
        "opendir",
        "fdopendir",
        "getenv",
        "_wgetenv",
        "mmap",
        "dlopen",
        "localtime",
        "gmtime",
        "getpwnam",
        "getpwuid",
        "getgrnam",
        "gethostbyname",
        "readdir",
        "strchr",
        "strrchr",
        "strstr",
        "memchr",
        "strpbrk",
        "kmalloc",
        "kzalloc",
        "kcalloc",
        "vmalloc",
        "vzalloc",
        "kmemdup",
        "kstrdup",
        "devm_kzalloc",
        "devm_kmalloc",
        "av_malloc",
        "av_mallocz",
        "av_calloc",
        "av_realloc",
        "av_strdup",
        "av_frame_alloc",
        "av_packet_alloc",
        "json_object_get",
        "xmlNewNode",
        "PyMem_Malloc",
        "PyObject_Malloc",
        "ZSTD_createCCtx",
        "BN_new",
        "EVP_CIPHER_CTX_new",
        "EVP_MD_CTX_new",
        "SSL_new",
        "BIO_new",
        "X509_new",
        "zend_hash_find",
        "zend_hash_str_find",
        "find_vma",
        "strtok",
        // crypt(3) returns NULL for an invalid salt or an unsupported method.
        "crypt",
        // Linux: resource, device-tree and mapping lookups that report "absent" as NULL.
        "platform_get_resource",
        "platform_get_resource_byname",
        "of_get_property",
        "of_get_parent",
        "of_get_child_by_name",
        "of_get_next_child",
        "of_match_node",
        "of_match_device",
        "ioremap",
        "devm_ioremap",
        "kstrndup",
        "kasprintf",
        "devm_kasprintf",
        "alloc_workqueue",
        "create_workqueue",
        "create_singlethread_workqueue",
        "usb_alloc_urb",
        "alloc_skb",
        "skb_clone",
        "skb_copy",
    ];
    // Device-tree searches return NULL when nothing matches.
    EXACT.contains(&name) || name.starts_with("of_find_")
}

/// Whether the library function `name` reads through its argument `index` (so a NULL
/// there is a NULL dereference): the string and memory functions, string conversions and
/// `puts`/`fputs`.
pub fn dereferences_arg(name: &str, index: usize) -> bool {
    match name {
        "strlen" | "wcslen" | "strdup" | "puts" | "fputs" | "atoi" | "atol" | "atoll" | "atof"
        | "strtol" | "strtoul" | "strtoll" | "strtoull" | "strtod" => index == 0,
        "strcpy" | "strcat" | "strcmp" | "strncpy" | "strncat" | "strncmp" | "wcscpy"
        | "wcscat" | "wcscmp" | "wcsncpy" | "wcsncat" | "memcpy" | "memmove" | "memcmp"
        | "strstr" | "strchr" | "strrchr" => index <= 1,
        "memset" | "wmemset" => index == 0,
        _ => false,
    }
}

/// printf-family functions and the index of their format argument.
pub fn format_arg(name: &str) -> Option<usize> {
    Some(match name {
        // BSD `<err.h>`: `warn(fmt, …)`, `err(status, fmt, …)` format like printf.
        "printf" | "vprintf" | "wprintf" | "vwprintf" | "warn" | "warnx" | "vwarn" | "vwarnx" => 0,
        "fprintf" | "sprintf" | "vfprintf" | "vsprintf" | "dprintf" | "syslog" | "fwprintf"
        | "vfwprintf" | "vsyslog" | "err" | "errx" | "verr" | "verrx" => 1,
        "snprintf" | "vsnprintf" | "swprintf" | "vswprintf" => 2,
        _ => return None,
    })
}

/// Functions that join a directory and a file name (`concat_path_file`,
/// `g_build_filename`, `path_join` …).
pub fn is_path_join(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.contains("concat_path")
        || n.contains("path_join")
        || n.contains("join_path")
        || n.contains("build_filename")
        || n.contains("build_path")
        || n == "make_path"
        || n.contains("path_concat")
        || n.contains("pathcat")
}

/// Functions that allocate a formatted or concatenated string.
pub fn is_string_builder(name: &str) -> bool {
    matches!(
        name,
        "asprintf"
            | "xasprintf"
            | "g_strdup_printf"
            | "g_strconcat"
            | "strconcat"
            | "xstrdup_printf"
            | "concat"
    )
}

/// Calls that validate a name or path when used in a condition.
pub fn is_validator(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.contains("valid")
        || n.contains("correct")
        || n.contains("safe")
        || n.contains("sanit")
        || n.contains("check")
        || n.starts_with("is_")
        || n.contains("allowed")
}

/// `at` runs only where an enclosing `if` found `arg` equal to one of a few literals
/// (`if (strcmp(cmd, "ls") == 0 || !strcmp(cmd, "pwd")) system(cmd);`): an allowlist, so
/// the value there is one of those constants, whatever it was read from.
pub fn allowlisted(
    model: &crate::c::model::CModel,
    at: tree_sitter::Node,
    arg: tree_sitter::Node,
) -> bool {
    let s = model.src;
    let var = crate::c::model::squeezed(crate::ast::text(
        crate::c::model::strip_parens_casts(arg),
        s,
    ));
    let mut node = at;
    while let Some(p) = node.parent_node() {
        if p.node_kind() == "if_statement" && p.field("consequence") == Some(node) {
            if let Some(c) = p.field("condition") {
                if equal_to_literals(model, c, &var, s) {
                    return true;
                }
            }
        }
        node = p;
    }
    false
}

/// `strcmp(var, "a") == 0 || !strcmp(var, "b") || strcmp("c", var) == 0`, nothing else.
fn equal_to_literals(
    model: &crate::c::model::CModel,
    c: tree_sitter::Node,
    var: &str,
    s: &str,
) -> bool {
    let c = crate::c::model::strip_parens_casts(c);
    let compares = |call: tree_sitter::Node| {
        call.node_kind() == "call_expression"
            && matches!(model.call_name(call), "strcmp" | "wcscmp")
            && {
                let args = crate::c::model::call_args(call);
                args.len() == 2
                    && args
                        .iter()
                        .any(|a| crate::c::model::squeezed(crate::ast::text(*a, s)) == var)
                    && args.iter().any(|a| model.string_value(*a).is_some())
            }
    };
    match c.node_kind() {
        "binary_expression" => {
            let op = c
                .field("operator")
                .map(|o| crate::ast::text(o, s))
                .unwrap_or("");
            let (Some(l), Some(r)) = (c.field("left"), c.field("right")) else {
                return false;
            };
            match op {
                "||" => equal_to_literals(model, l, var, s) && equal_to_literals(model, r, var, s),
                "==" => {
                    let (l, r) = (
                        crate::c::model::strip_parens_casts(l),
                        crate::c::model::strip_parens_casts(r),
                    );
                    (compares(l) && crate::ast::text(r, s) == "0")
                        || (compares(r) && crate::ast::text(l, s) == "0")
                }
                _ => false,
            }
        }
        "unary_expression" => {
            c.child(0).is_some_and(|o| o.node_kind() == "!")
                && c.field("argument")
                    .is_some_and(|a| compares(crate::c::model::strip_parens_casts(a)))
        }
        _ => false,
    }
}

/// `call` (reaching `name`) checks a string's characters in a condition: a search for shell
/// metacharacters (`strchr(cmd, ';')`, `strpbrk(cmd, ";|&")`, `strspn(cmd, "abc…")`,
/// `name.find_first_not_of("abc…")`), a character-class test (`isalnum(cmd[i])`) or a
/// validator (`is_safe(cmd)`, `valid_name(name)`), tested by an `if`/`while`/`for`. A
/// literal that only strips line ends (`strcspn(buf, "\n")`) checks nothing.
pub fn character_check(
    model: &crate::c::model::CModel,
    call: tree_sitter::Node,
    name: &str,
) -> bool {
    let s = model.src;
    let text = |n: tree_sitter::Node| crate::ast::text(n, s);
    let line_end = |t: &str| matches!(t, "'\\n'" | "'\\r'" | "\"\\n\"" | "\"\\r\\n\"" | "\"\\r\"");
    let literal = |t: &str| t.starts_with('\'') || t.starts_with('"');
    let args = crate::c::model::call_args(call);
    crate::ast::ancestor(call, &["if_statement", "while_statement", "for_statement"])
        .and_then(|st| st.field("condition"))
        .is_some_and(|cond| crate::ast::contains(cond, call))
        && args.iter().all(|a| !line_end(text(*a)))
        && ((matches!(name, "strchr" | "strrchr" | "strpbrk" | "strspn" | "strcspn")
            && args.iter().skip(1).any(|a| literal(text(*a))))
            // C++: `command.find_first_of(";|&")`, `name.find_first_not_of("abc…")`.
            || name.rsplit_once('.').is_some_and(|(_, m)| {
                matches!(m, "find_first_of" | "find_first_not_of" | "find")
                    && args.first().is_some_and(|a| literal(text(*a)))
            })
            || matches!(name, "isalnum" | "isalpha" | "isdigit" | "isxdigit" | "islower" | "isupper")
            || is_validator(name)
            || validates_characters(model, name))
}

/// A function of the file whose body tests characters with the `<ctype.h>` classifiers
/// (`for (; *h; h++) if (!isalnum(*h) && *h != '.') return 0;`), whatever its name
/// (`host_ok`, `clean_name`): calling it is a character check.
fn validates_characters(model: &crate::c::model::CModel, name: &str) -> bool {
    model.function_named(name).is_some_and(|f| {
        f.calls.iter().any(|(_, n)| {
            matches!(
                *n,
                "isalnum"
                    | "isalpha"
                    | "isdigit"
                    | "isxdigit"
                    | "islower"
                    | "isupper"
                    | "isspace"
                    | "ispunct"
                    | "isgraph"
                    | "isprint"
            )
        })
    })
}

/// `var` had its characters checked ([`character_check`]) in `func` before `at`: passed to
/// the checking call, indexed in it (`isalnum(var[i])`), or its receiver
/// (`var.find_first_not_of(…)`).
pub fn character_checked(
    model: &crate::c::model::CModel,
    func: &crate::c::model::CFunction,
    var: &str,
    at: usize,
) -> bool {
    let s = model.src;
    func.calls.iter().any(|(c, n)| {
        c.start_byte() < at
            && (n.rsplit_once('.').is_some_and(|(obj, _)| obj == var)
                || crate::c::model::call_args(*c)
                    .iter()
                    .any(|a| crate::c::model::root_name(*a, s).as_deref() == Some(var)))
            && character_check(model, *c, n)
            // A name-only validator counts when its name says it validates content
            // (`is_empty`, `check_len` say nothing of the characters) or its body does.
            && (!is_validator(n) || validates_characters(model, n) || {
                let l = n.to_ascii_lowercase();
                ["valid", "safe", "sanit", "allowed"].iter().any(|w| l.contains(w))
            })
    })
}
