//! The rule registry. A rule is one file under `rules/<language>/` with a
//! `META` ([`RuleMeta`]), a `check` function, and a module doc comment
//! (*What it does*, *Why is this bad?*, *Example*, *Use instead*) that
//! `hexacoder rule CWE-…` prints.

pub mod c;
pub mod python;

use crate::finding::{Finding, RuleMeta};
use crate::source::Language;

/// How a rule runs: over the analysed Python or C file.
#[derive(Clone, Copy)]
pub enum Check {
    Python(fn(&python::PyContext, &mut Vec<Finding>)),
    C(fn(&c::CContext, &mut Vec<Finding>)),
}

/// A registered rule.
pub struct Rule {
    pub meta: &'static RuleMeta,
    /// The rule file's source; its leading `//!` block is the documentation.
    source: &'static str,
    pub check: Check,
}

impl Rule {
    /// The rule's documentation (its module doc comment), as Markdown.
    pub fn doc(&self) -> String {
        module_doc(self.source)
    }
}

/// Collects the leading `//!` lines of a Rust source file.
pub fn module_doc(source: &str) -> String {
    let mut out = String::new();
    for line in source.lines() {
        let t = line.trim_start();
        if let Some(rest) = t.strip_prefix("//!") {
            out.push_str(rest.strip_prefix(' ').unwrap_or(rest));
            out.push('\n');
        } else if !t.is_empty() {
            break;
        }
    }
    out.trim_end().to_string()
}

macro_rules! registry {
    (python: [$($py:ident),* $(,)?], c: [$($c:ident),* $(,)?] $(,)?) => {
        /// Every built-in rule, Python first, then C.
        pub static ALL: &[Rule] = &[
            $(Rule {
                meta: &python::$py::META,
                source: include_str!(concat!("python/", stringify!($py), ".rs")),
                check: Check::Python(python::$py::check),
            },)*
            $(Rule {
                meta: &c::$c::META,
                source: include_str!(concat!("c/", stringify!($c), ".rs")),
                check: Check::C(c::$c::check),
            },)*
        ];
    };
}

registry! {
    python: [
        cwe_020_incomplete_hostname_regex,
        cwe_020_url_substring_sanitization,
        cwe_022_path_injection,
        cwe_022_archive_extraction,
        cwe_078_command_injection,
        cwe_079_reflected_xss,
        cwe_079_jinja2_autoescape,
        cwe_089_sql_injection,
        cwe_094_code_injection,
        cwe_116_bad_tag_filter,
        cwe_117_log_injection,
        cwe_295_certificate_validation,
        cwe_327_weak_sensitive_hash,
        cwe_327_broken_cipher,
        cwe_377_insecure_temp_file,
        cwe_502_unsafe_deserialization,
        cwe_601_open_redirect,
        cwe_611_xxe,
        cwe_643_xpath_injection,
        cwe_730_regex_injection,
        cwe_730_redos,
        cwe_732_permissive_mode,
        cwe_918_ssrf,
        cwe_943_nosql_injection,
        cwe_090_ldap_injection,
        cwe_113_header_injection,
        cwe_209_stack_trace_exposure,
        cwe_215_flask_debug,
        cwe_319_cleartext_protocol,
        cwe_326_weak_key,
        cwe_329_static_iv,
        cwe_330_insecure_randomness,
        cwe_347_jwt_not_verified,
        cwe_614_insecure_cookie,
        cwe_760_predictable_salt,
        cwe_798_hardcoded_credentials,
    ],
    c: [
        cwe_022_path_traversal,
        cwe_078_command_injection,
        cwe_787_unbounded_write,
        cwe_787_off_by_one,
        cwe_787_negative_index,
        cwe_787_unchecked_index_write,
        cwe_787_input_bounded_loop_write,
        cwe_125_unchecked_index,
        cwe_125_unchecked_stream_read,
        cwe_125_unchecked_length_param,
        cwe_125_index_underflow,
        cwe_125_negative_index,
        cwe_125_off_by_one_check,
        cwe_134_format_string,
        cwe_190_integer_overflow,
        cwe_190_wrapping_bounds_check,
        cwe_416_use_after_free,
        cwe_416_dangling_field,
        cwe_476_null_dereference,
        cwe_476_deref_before_check,
    ],
}

/// Rules for one language.
pub fn for_language(lang: Language) -> impl Iterator<Item = &'static Rule> {
    ALL.iter().filter(move |r| r.meta.language == lang)
}

/// Looks a rule up by id (`py/command-injection`) or CWE (`CWE-078`,
/// `cwe-78`, `78`); a CWE can name several rules.
pub fn find(query: &str) -> Vec<&'static Rule> {
    let q = query.trim();
    if let Some(rule) = ALL.iter().find(|r| r.meta.id.eq_ignore_ascii_case(q)) {
        return vec![rule];
    }
    match crate::cwe::normalize(q) {
        Some(cwe) => ALL.iter().filter(|r| r.meta.cwe == cwe).collect(),
        None => Vec::new(),
    }
}
