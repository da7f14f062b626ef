//! Semgrep (`semgrep --json`). The rule set comes from
//! `HEXACODER_SEMGREP_CONFIG` (a local rules file or directory; offline
//! machines need one) and defaults to `auto`. CWEs come from each rule's
//! `metadata.cwe` (`"CWE-78: …"`).

use super::{require, run, to_reports, RawFinding, Scratch};
use crate::analysis::{FileReport, RuleFilter};
use crate::engine::{Engine, EngineError};
use crate::finding::Severity;
use crate::source::SourceFile;
use serde_json::Value;
use std::process::Command;

#[derive(Default)]
pub struct Semgrep;

/// Parses `semgrep --json` output.
pub fn parse_json(text: &str) -> Result<Vec<RawFinding>, EngineError> {
    let bad = |m: String| EngineError::BadOutput {
        tool: "semgrep".into(),
        message: m,
    };
    let doc: Value = serde_json::from_str(text).map_err(|e| bad(format!("not JSON: {e}")))?;
    let results = doc["results"]
        .as_array()
        .ok_or_else(|| bad("no `results` array".into()))?;
    Ok(results
        .iter()
        .map(|r| {
            let cwe = match &r["extra"]["metadata"]["cwe"] {
                Value::Array(a) => a
                    .first()
                    .and_then(Value::as_str)
                    .and_then(crate::Cwe::parse),
                Value::String(s) => crate::Cwe::parse(s),
                _ => None,
            };
            RawFinding {
                path: r["path"].as_str().unwrap_or("").to_string(),
                start_line: r["start"]["line"].as_u64().unwrap_or(1) as usize,
                start_column: r["start"]["col"].as_u64().unwrap_or(1) as usize,
                end_line: r["end"]["line"].as_u64().unwrap_or(1) as usize,
                end_column: r["end"]["col"].as_u64().unwrap_or(1) as usize,
                rule_id: format!("semgrep/{}", r["check_id"].as_str().unwrap_or("?")),
                message: r["extra"]["message"].as_str().unwrap_or("").to_string(),
                cwe,
                severity: match r["extra"]["severity"].as_str().unwrap_or("") {
                    "ERROR" => Severity::High,
                    "WARNING" => Severity::Medium,
                    _ => Severity::Low,
                },
            }
        })
        .collect())
}

impl Engine for Semgrep {
    fn name(&self) -> &str {
        "semgrep"
    }

    fn scan(
        &self,
        files: &[SourceFile],
        filter: &RuleFilter,
    ) -> Result<Vec<FileReport>, EngineError> {
        let bin = require(
            "semgrep",
            "install it with `python3 -m pip install semgrep`",
        )?;
        let config = std::env::var("HEXACODER_SEMGREP_CONFIG").unwrap_or_else(|_| "auto".into());
        let scratch = Scratch::write(files)?;
        let out = run(
            "semgrep",
            Command::new(bin)
                .args([
                    "--json",
                    "--metrics=off",
                    "--quiet",
                    "--no-git-ignore",
                    "--config",
                    &config,
                    "--project-root",
                ])
                .arg(scratch.path())
                .arg(scratch.path())
                .current_dir(scratch.path()),
            &[0, 1],
        )?;
        let raw = parse_json(&String::from_utf8_lossy(&out.stdout))?;
        Ok(to_reports(files, &scratch.names, raw, "semgrep", filter))
    }
}
