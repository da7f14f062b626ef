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
#[derive(Clone, Copy)]
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

/// Declares a language's rule modules and lists them, in one place: registering a rule is one
/// line in `rules/<language>/mod.rs`. Used there as `rule_files!(Python, [cwe_…, …]);`.
macro_rules! rule_files {
    ($check:ident, [$($m:ident),* $(,)?]) => {
        $(pub mod $m;)*

        /// This language's rules, in registration order.
        pub(crate) const RULES: &[crate::rules::Rule] = &[
            $(crate::rules::Rule {
                meta: &$m::META,
                source: include_str!(concat!(stringify!($m), ".rs")),
                check: crate::rules::Check::$check($m::check),
            },)*
        ];
    };
}
pub(crate) use rule_files;

/// Every built-in rule, Python first, then C.
pub static ALL: &[Rule] = &ALL_RULES;

static ALL_RULES: [Rule; python::RULES.len() + c::RULES.len()] = concat(python::RULES, c::RULES);

/// `a` then `b` as one array (at compile time: `ALL` stays a plain static slice).
const fn concat<const N: usize>(a: &[Rule], b: &[Rule]) -> [Rule; N] {
    let mut out = [a[0]; N];
    let mut i = 0;
    while i < a.len() {
        out[i] = a[i];
        i += 1;
    }
    let mut j = 0;
    while j < b.len() {
        out[a.len() + j] = b[j];
        j += 1;
    }
    out
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
    match crate::Cwe::parse(q) {
        Some(cwe) => ALL.iter().filter(|r| r.meta.cwe == cwe).collect(),
        None => Vec::new(),
    }
}
