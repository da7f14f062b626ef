//! What a rule reports: a [`Finding`] with its CWE, span, severity and an
//! optional mechanical [`Fix`].

use crate::source::{Language, Span};
use serde::{Deserialize, Serialize};
use std::fmt;

/// How bad a finding is. Ordered so that `max()` gives the worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    /// SARIF `level` for this severity.
    pub fn sarif_level(self) -> &'static str {
        match self {
            Severity::Low => "note",
            Severity::Medium => "warning",
            Severity::High | Severity::Critical => "error",
        }
    }

    /// GitHub's `security-severity` score (0–10) for this severity.
    pub fn security_severity(self) -> &'static str {
        match self {
            Severity::Low => "3.0",
            Severity::Medium => "5.5",
            Severity::High => "7.5",
            Severity::Critical => "9.3",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A mechanical fix: one or more non-overlapping edits applied together
/// (e.g. the call rewritten and the import it needs added).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    pub description: String,
    pub edits: Vec<Edit>,
}

/// Replace the bytes of `span` with `replacement` (an insertion when the
/// span is empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

/// Which findings a scan reports.
///
/// - `precise` (the default): a finding means a flaw — untrusted data shown to reach the sink,
///   or an API that is unsafe in every use. The judge of every number the project publishes.
/// - `audit`: also the insecure practices that peers such as Bandit or flawfinder report
///   without a proven flow (`shell=True` on any non-constant command, `pickle.loads` of any
///   value, `strcpy` from any non-literal). Each such finding is marked `audit` in the text,
///   JSON and SARIF output, so a reviewer can tell the two apart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Profile {
    #[default]
    Precise,
    Audit,
}

impl Profile {
    pub fn name(self) -> &'static str {
        match self {
            Profile::Precise => "precise",
            Profile::Audit => "audit",
        }
    }

    pub fn is_precise(&self) -> bool {
        *self == Profile::Precise
    }
}

/// One reported weakness.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable rule id, e.g. `py/command-injection`.
    pub rule_id: String,
    /// Stored as `CWE-078`.
    pub cwe: crate::Cwe,
    pub severity: Severity,
    pub message: String,
    pub path: String,
    pub language: Language,
    pub span: Span,
    /// The source line(s) of the span, for reports that do not re-read the file.
    pub snippet: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<Fix>,
    /// The engine that produced it (`hexacoder`, `bandit`, `codeql`, …).
    pub engine: String,
    /// `audit` for an insecure practice reported without a proven flow (see [`Profile`]).
    #[serde(default, skip_serializing_if = "Profile::is_precise")]
    pub profile: Profile,
}

/// Static description of a rule, shared by every finding it makes.
#[derive(Debug, Clone, Copy)]
pub struct RuleMeta {
    pub id: &'static str,
    pub cwe: crate::Cwe,
    pub name: &'static str,
    pub language: Language,
    pub severity: Severity,
    /// One-line summary (SARIF `shortDescription`).
    pub summary: &'static str,
}

impl RuleMeta {
    /// The profile a rule belongs to: audit rules are named `<lang>/audit-…`.
    pub fn profile(&self) -> Profile {
        if self
            .id
            .split_once('/')
            .is_some_and(|(_, r)| r.starts_with("audit-"))
        {
            Profile::Audit
        } else {
            Profile::Precise
        }
    }
}

/// Applies the edits of several fixes to `text`, later spans first. A fix
/// whose edits overlap an already applied one is skipped whole; returns the
/// new text and how many fixes were applied.
pub fn apply_fixes(text: &str, fixes: &[&Fix]) -> (String, usize) {
    let mut edits: Vec<&Edit> = Vec::new();
    let mut applied = 0;
    for fix in fixes {
        // An edit identical to one already taken (two fixes adding the same
        // import) is shared, not a conflict.
        let fresh: Vec<&Edit> = fix.edits.iter().filter(|e| !edits.contains(e)).collect();
        let ranges: Vec<(usize, usize)> = fresh
            .iter()
            .map(|e| (e.span.start_byte, e.span.end_byte))
            .collect();
        // Two insertions at one point conflict (their order would be a guess), except
        // whole lines such as imports, whose order does not matter.
        let overlaps = fresh.iter().any(|edit| {
            let (s, e) = (edit.span.start_byte, edit.span.end_byte);
            edits.iter().any(|t| {
                let (ts, te) = (t.span.start_byte, t.span.end_byte);
                let both_lines = edit.replacement.ends_with('\n') && t.replacement.ends_with('\n');
                s < te && ts < e || (s == e && s == ts && te == ts && !both_lines)
            })
        });
        let valid = ranges.iter().all(|&(s, e)| {
            s <= e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e)
        });
        if overlaps || !valid {
            continue;
        }
        edits.extend(fresh);
        applied += 1;
    }
    edits.sort_by_key(|e| std::cmp::Reverse((e.span.start_byte, e.span.end_byte)));
    let mut out = text.to_string();
    for e in edits {
        out.replace_range(e.span.start_byte..e.span.end_byte, &e.replacement);
    }
    (out, applied)
}
