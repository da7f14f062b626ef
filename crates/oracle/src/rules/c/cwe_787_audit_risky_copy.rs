//! ## CWE-787: unbounded string copies (`c/audit-risky-copy`, audit profile)
//!
//! ### What it does
//! Finds `strcpy`, `strcat`, `wcscpy`, `wcscat`, `stpcpy` and `sprintf`/`vsprintf` whose source
//! (or format) is not a string literal, `memcpy`/`memmove` of a length that is neither a
//! constant nor a `sizeof` into a fixed array or a struct member, and `gets` anywhere, whether or not the oracle can show
//! the source is too long for its destination. Only in `--profile audit`;
//! `c/unbounded-write` reports the proven cases.
//!
//! ### Why is this bad?
//! Nothing bounds what these calls write: a longer source than the destination expects
//! overwrites what follows it.
//!
//! ### Example
//! ```c
//! void greet(char *out, const char *name) {
//!     strcpy(out, name);
//! }
//! ```
//!
//! ### Use instead
//! ```c
//! void greet(char *out, size_t size, const char *name) {
//!     snprintf(out, size, "%s", name);
//! }
//! ```
//!
//! ### References
//! - MITRE, CWE-787: <https://cwe.mitre.org/data/definitions/787.html>
//! - flawfinder's buffer checks: <https://dwheeler.com/flawfinder/>

use super::{audit_calls, CContext};
use crate::ast::NodeExt;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::source::Language;

pub static META: RuleMeta = RuleMeta {
    id: "c/audit-risky-copy",
    cwe: crate::Cwe::new(787),
    name: "Unbounded string copy",
    language: Language::C,
    severity: Severity::Medium,
    summary: "A string is copied or formatted without a bound on what is written.",
};

pub fn check(ctx: &CContext, out: &mut Vec<Finding>) {
    audit_calls(
        ctx,
        &META,
        out,
        &["strcpy", "strcat", "wcscpy", "wcscat", "stpcpy"],
        |_, _| vec![1],
        |name| format!("`{name}` writes without a bound on its length."),
    );
    // `memcpy(fixed, src, n)` with a length that is neither a constant nor a `sizeof`: the
    // copy is as long as the caller says, into storage of a fixed size (flawfinder's CWE-120).
    for (func, _) in ctx.functions() {
        for &(call, name) in &func.calls {
            if !matches!(name, "memcpy" | "memmove" | "wmemcpy" | "wmemmove") {
                continue;
            }
            let args = crate::c::model::call_args(call);
            let (Some(&d), Some(n)) = (args.first(), args.get(2)) else {
                continue;
            };
            let n_text = crate::c::model::squeezed(ctx.text(*n));
            // A fixed array, or a struct member (`p.payload`, `s->buf`).
            let d = crate::c::model::strip_parens_casts(d);
            let fixed = d.node_kind() == "field_expression"
                || (d.node_kind() == "identifier"
                    && func.array_len(ctx.model, ctx.text(d)).is_some());
            if fixed && ctx.model.const_int(*n).is_none() && !n_text.starts_with("sizeof") {
                out.push(ctx.finding(
                    &META,
                    call,
                    format!("`{name}` copies a length that is not a constant into fixed storage."),
                ));
            }
        }
    }
    // C++: `std::cin >> p` into a `char` pointer or array without `std::setw`: a word of any
    // length lands in storage of some fixed size (the precise rule proves the size).
    let s = ctx.src();
    for (func, _) in ctx.functions() {
        for &n in &func.nodes {
            if n.node_kind() != "binary_expression"
                || !crate::c::taint::is_stream_read(n, s)
                || ctx.text(n).contains("setw")
            {
                continue;
            }
            for r in crate::c::taint::stream_read_targets(n, s) {
                if r.node_kind() != "identifier" {
                    continue;
                }
                let name = ctx.text(r);
                let chars = func.declared_type(s, name).is_some_and(|t| {
                    matches!(
                        t.trim_start_matches("const ").trim(),
                        "char" | "unsigned char" | "signed char" | "wchar_t"
                    )
                });
                let raw = func.pointers.iter().any(|p| p == name)
                    || func.params.iter().any(|p| p.name == name && p.is_pointer)
                    || func.is_array(ctx.model, name);
                if chars && raw {
                    out.push(ctx.finding(
                        &META,
                        r,
                        format!("`{name}` receives a word of any length from a stream read without `std::setw`."),
                    ));
                }
            }
        }
    }
    // `sprintf(buf, fmt, …)`: a format that is not a literal, or a literal with `%s` fed
    // something that is not one.
    for (func, _) in ctx.functions() {
        for &(call, name) in &func.calls {
            if !matches!(name, "sprintf" | "vsprintf") {
                continue;
            }
            let args = crate::c::model::call_args(call);
            let risky = match args.get(1).and_then(|f| ctx.model.string_value(*f)) {
                None => args.len() > 1,
                Some(fmt) => {
                    fmt.contains("%s")
                        && args[2..]
                            .iter()
                            .any(|a| ctx.model.string_value(*a).is_none())
                }
            };
            if risky {
                out.push(ctx.finding(
                    &META,
                    call,
                    format!("`{name}` writes without a bound on its length."),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::{analyse, RuleFilter};
    use crate::finding::Profile;
    use crate::source::{Language, SourceFile};

    /// Lines of this rule's findings on a C++ snippet, scanned with the audit profile.
    fn lines(code: &str) -> Vec<usize> {
        let file = SourceFile::new("<t>.cpp".to_string(), Language::C, code.to_string());
        let filter = RuleFilter {
            profile: Profile::Audit,
            ..RuleFilter::default()
        };
        analyse(&file, &filter)
            .findings
            .iter()
            .filter(|f| f.rule_id == super::META.id)
            .map(|f| f.span.start_line)
            .collect()
    }

    #[test]
    fn stream_reads_into_char_pointers_without_setw_are_reported() {
        let code = "#include <iostream>\n#include <iomanip>\n#include <string>\n\
                    void a(char *buf) {\n    std::cin >> buf;\n}\n\
                    void b(char *buf) {\n    std::cin >> std::setw(16) >> buf;\n}\n\
                    void c(std::string &s, int &n) {\n    std::cin >> s >> n;\n}\n";
        assert_eq!(lines(code), vec![5]);
    }
}
