//! Running the built-in rules over one source file.

use crate::c::model::CModel;
use crate::c::taint::FunctionTaint;
use crate::finding::{Finding, RuleMeta};
use crate::parse;
use crate::python::model::PyModel;
use crate::python::taint;
use crate::rules::{self, c::CContext, python::PyContext, Check};
use crate::source::{Language, SourceFile};
use serde::{Deserialize, Serialize};

/// Results of analysing one file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileReport {
    pub path: String,
    pub language: Language,
    pub findings: Vec<Finding>,
    /// ERROR/MISSING nodes tree-sitter recovered from (code is still analysed).
    pub parse_errors: usize,
    /// Problems that did not stop the analysis (invalid UTF-8 …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// The analysis was cut short (see `warnings`): findings may be missing, so the file is
    /// not known to be clean.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub incomplete: bool,
}

/// Which built-in rules to run.
#[derive(Debug, Clone, Default)]
pub struct RuleFilter {
    /// Only findings of these CWEs; empty = all.
    pub cwes: Vec<crate::Cwe>,
    /// `audit` also runs the audit rules (see [`crate::finding::Profile`]).
    pub profile: crate::finding::Profile,
}

impl RuleFilter {
    /// The filter's CWEs that no built-in rule (of either language) reports: a filter naming
    /// only such CWEs would hide every finding and report a clean file, so callers refuse
    /// them (a typo in a CI filter must not pass silently).
    pub fn unknown_cwes(&self) -> Vec<crate::Cwe> {
        let known: Vec<crate::Cwe> = [crate::Language::Python, crate::Language::C]
            .into_iter()
            .flat_map(crate::corpus::supported_cwes)
            .collect();
        self.cwes
            .iter()
            .filter(|c| !known.contains(c))
            .copied()
            .collect()
    }

    fn allows(&self, meta: &RuleMeta) -> bool {
        (self.cwes.is_empty() || self.cwes.contains(&meta.cwe))
            && (meta.profile().is_precise() || self.profile == crate::finding::Profile::Audit)
    }
}

/// Builds a finding at a byte range of `file`.
pub fn make_finding(
    file: &SourceFile,
    meta: &RuleMeta,
    start: usize,
    end: usize,
    message: String,
) -> Finding {
    let span = file.span(start, end);
    let snippet = (span.start_line..=span.end_line.min(span.start_line + 4))
        .map(|l| file.line_text(l))
        .collect::<Vec<_>>()
        .join("\n");
    Finding {
        rule_id: meta.id.to_string(),
        cwe: meta.cwe,
        severity: meta.severity,
        message,
        path: file.path.clone(),
        language: file.language,
        span,
        snippet,
        fix: None,
        engine: "hexacoder".to_string(),
        profile: meta.profile(),
    }
}

/// Analyses `file` with the built-in rules. Never panics on any input:
/// deeply nested code is analysed on a thread with a large stack, and the
/// recursive passes stop at a fixed depth.
pub fn analyse(file: &SourceFile, filter: &RuleFilter) -> FileReport {
    let mut report = FileReport {
        path: file.path.clone(),
        language: file.language,
        findings: Vec::new(),
        parse_errors: 0,
        warnings: Vec::new(),
        incomplete: false,
    };
    if let Some(at) = file.invalid_utf8_at {
        report.warnings.push(format!(
            "invalid UTF-8 at byte {at}; analysed with replacement characters"
        ));
    }
    let Some(parsed) = parse::parse(file) else {
        report
            .warnings
            .push("the parser gave up on this file".into());
        return report;
    };
    report.parse_errors = parsed.parse_errors;
    // The index costs some 70 bytes a node: files past a few megabytes (generated code)
    // are walked with cursors instead.
    const INDEX_UP_TO: usize = 4 << 20;
    let _indexed = (file.text.len() <= INDEX_UP_TO).then(|| crate::ast::index_tree(&parsed.tree));
    let root = parsed.tree.root_node();
    let mut findings = Vec::new();
    match file.language {
        Language::Python => {
            let model = PyModel::build(root, &file.text);
            let (flows, cut_short) = taint::analyse(&model);
            if cut_short {
                report.incomplete = true;
                report.warnings.push(
                    "analysis cut short: the code nests deeper than the taint engine follows \
                     (200 levels); flows through it are not checked, so findings may be missing"
                        .into(),
                );
            }
            let ctx = PyContext {
                file,
                model: &model,
                flows: &flows,
            };
            for rule in rules::for_language(Language::Python) {
                if let Check::Python(check) = rule.check {
                    if filter.allows(rule.meta) {
                        check(&ctx, &mut findings);
                    }
                }
            }
        }
        Language::C => {
            // A function cut from its return type gets an `int ` for the parser; nodes then
            // sit `INSERTED` bytes later than in the file after the name, which the context
            // maps back when it reports.
            const INSERTED: &str = "int ";
            let typed = (parsed.parse_errors > 0)
                .then(|| parse::headerless_function_start(&file.text))
                .flatten()
                .and_then(|at| {
                    let text = format!("{}{INSERTED}{}", &file.text[..at], &file.text[at..]);
                    let reparsed = parse::parse_text(&text, Language::C)?;
                    (reparsed.parse_errors < parsed.parse_errors).then_some((at, text, reparsed))
                });
            let _reindexed = typed
                .as_ref()
                .map(|(_, _, r)| crate::ast::index_tree(&r.tree));
            let (text, root, shift) = match &typed {
                Some((at, text, reparsed)) => {
                    report.parse_errors = reparsed.parse_errors;
                    (
                        text.as_str(),
                        reparsed.tree.root_node(),
                        Some((*at, INSERTED.len())),
                    )
                }
                None => (file.text.as_str(), root, None),
            };
            let model = CModel::build(root, text);
            let taints: Vec<FunctionTaint> = crate::c::taint::compute_file(&model);
            let ctx = CContext {
                file,
                model: &model,
                taints: &taints,
                shift,
            };
            for rule in rules::for_language(Language::C) {
                if let Check::C(check) = rule.check {
                    if filter.allows(rule.meta) {
                        check(&ctx, &mut findings);
                    }
                }
            }
        }
    }
    findings.sort_by(|a, b| {
        (a.span.start_byte, &a.rule_id, a.span.end_byte).cmp(&(
            b.span.start_byte,
            &b.rule_id,
            b.span.end_byte,
        ))
    });
    findings.dedup_by(|a, b| a.rule_id == b.rule_id && a.span == b.span);
    // An audit finding says less than a precise one of the same weakness on the same line.
    let precise: Vec<(crate::Cwe, usize)> = findings
        .iter()
        .filter(|f| f.profile.is_precise())
        .map(|f| (f.cwe, f.span.start_line))
        .collect();
    findings.retain(|f| {
        f.profile.is_precise()
            || !precise
                .iter()
                .any(|(c, l)| *l == f.span.start_line && crate::cwe::same_family(*c, f.cwe))
    });
    report.findings = findings;
    report
}

/// Stack size for analysis threads: tree-sitter trees of pathological depth
/// are walked iteratively, but the engines recurse up to a fixed depth.
pub const ANALYSIS_STACK: usize = 64 * 1024 * 1024;
