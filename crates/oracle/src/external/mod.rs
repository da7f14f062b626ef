//! External engines behind the [`crate::Engine`] trait. Each writes the
//! batch of files to a scratch directory, runs the tool once, parses its
//! machine output (SARIF, JSON or XML) and maps results back to the input
//! files. A missing tool is one clear error naming what to install.

pub mod bandit;
pub mod codeql;
pub mod cppcheck;
pub mod sarif;
pub mod semgrep;

use crate::analysis::{FileReport, RuleFilter};
use crate::engine::EngineError;
use crate::finding::{Finding, Severity};
use crate::source::{Language, SourceFile};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A finding as an external tool reports it, before it is tied to a file.
#[derive(Debug, Clone, PartialEq)]
pub struct RawFinding {
    pub path: String,
    pub start_line: usize,
    pub start_column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub rule_id: String,
    pub message: String,
    pub cwe: Option<crate::Cwe>,
    pub severity: Severity,
}

/// Input files written under short names (`f00000.py`) in a temporary
/// directory, removed on drop.
pub struct Scratch {
    pub dir: tempfile::TempDir,
    pub names: Vec<String>,
}

impl Scratch {
    pub fn write(files: &[SourceFile]) -> Result<Scratch, EngineError> {
        let dir = tempfile::Builder::new()
            .prefix("hexacoder-engine-")
            .tempdir()
            .map_err(|e| EngineError::Io(format!("cannot create a scratch directory: {e}")))?;
        let mut names = Vec::new();
        for (i, f) in files.iter().enumerate() {
            let ext = match f.language {
                Language::Python => "py",
                Language::C => "c",
            };
            let name = format!("f{i:05}.{ext}");
            std::fs::write(dir.path().join(&name), &f.text)
                .map_err(|e| EngineError::Io(format!("cannot write {name}: {e}")))?;
            names.push(name);
        }
        Ok(Scratch { dir, names })
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }
}

/// Finds `tool` on PATH or explains how to install it.
pub fn require(tool: &str, install: &str) -> Result<PathBuf, EngineError> {
    which::which(tool).map_err(|_| EngineError::ToolMissing {
        tool: tool.to_string(),
        install: install.to_string(),
    })
}

/// Runs a command; `ok` lists the exit codes that mean success (linters
/// exit 1 when they find something).
pub fn run(tool: &str, cmd: &mut Command, ok: &[i32]) -> Result<std::process::Output, EngineError> {
    let out = cmd
        .output()
        .map_err(|e| EngineError::Io(format!("cannot run `{tool}`: {e}")))?;
    let code = out.status.code().unwrap_or(-1);
    if !ok.contains(&code) {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let last: Vec<&str> = stderr.lines().rev().take(3).collect();
        return Err(EngineError::ToolFailed {
            tool: tool.to_string(),
            status: code.to_string(),
            stderr: last.into_iter().rev().collect::<Vec<_>>().join(" | "),
        });
    }
    Ok(out)
}

/// Ties raw findings to the input files by their scratch names and builds
/// one report per input.
pub fn to_reports(
    files: &[SourceFile],
    names: &[String],
    raw: Vec<RawFinding>,
    engine: &str,
    filter: &RuleFilter,
) -> Vec<FileReport> {
    let mut reports: Vec<FileReport> = files
        .iter()
        .map(|f| FileReport {
            path: f.path.clone(),
            language: f.language,
            findings: Vec::new(),
            parse_errors: 0,
            warnings: Vec::new(),
            incomplete: false,
        })
        .collect();
    for r in raw {
        let p = r.path.replace('\\', "/");
        let Some(i) = names
            .iter()
            .position(|n| p == *n || p.ends_with(&format!("/{n}")))
        else {
            continue;
        };
        let file = &files[i];
        let cwe = r.cwe.unwrap_or(crate::Cwe::new(0));
        if !filter.cwes.is_empty() && !filter.cwes.contains(&cwe) {
            continue;
        }
        let start = byte_of(file, r.start_line, r.start_column);
        let end = byte_of(file, r.end_line.max(r.start_line), r.end_column).max(start);
        let mut finding: Finding = crate::analysis::make_finding(
            file,
            &crate::finding::RuleMeta {
                id: "external",
                cwe: crate::Cwe::new(0),
                name: "",
                language: file.language,
                severity: r.severity,
                summary: "",
            },
            start,
            end,
            r.message.clone(),
        );
        finding.rule_id = r.rule_id.clone();
        finding.cwe = cwe;
        finding.engine = engine.to_string();
        reports[i].findings.push(finding);
    }
    reports
}

/// Byte offset of a 1-based line and code-point column (clamped).
fn byte_of(file: &SourceFile, line: usize, column: usize) -> usize {
    file.byte_at(line, column)
}

/// Severity from common tool vocabularies.
pub fn severity_from(word: &str) -> Severity {
    match word.to_ascii_lowercase().as_str() {
        "critical" => Severity::Critical,
        "high" | "error" => Severity::High,
        "medium" | "warning" | "moderate" => Severity::Medium,
        _ => Severity::Low,
    }
}
