//! Bandit (`bandit -f json`), Python only. Bandit reports its own CWE per
//! test (`issue_cwe.id`); columns are 0-based in its JSON.

use super::{require, run, severity_from, to_reports, RawFinding, Scratch};
use crate::analysis::{FileReport, RuleFilter};
use crate::engine::{Engine, EngineError};
use crate::source::{Language, SourceFile};
use serde_json::Value;
use std::process::Command;

#[derive(Default)]
pub struct Bandit;

/// Parses `bandit -f json` output.
pub fn parse_json(text: &str) -> Result<Vec<RawFinding>, EngineError> {
    let bad = |m: String| EngineError::BadOutput {
        tool: "bandit".into(),
        message: m,
    };
    let doc: Value = serde_json::from_str(text).map_err(|e| bad(format!("not JSON: {e}")))?;
    let results = doc["results"]
        .as_array()
        .ok_or_else(|| bad("no `results` array".into()))?;
    Ok(results
        .iter()
        .map(|r| {
            let line = r["line_number"].as_u64().unwrap_or(1) as usize;
            let end_line = r["line_range"]
                .as_array()
                .and_then(|a| a.last())
                .and_then(Value::as_u64)
                .map(|v| v as usize)
                .unwrap_or(line);
            let col = r["col_offset"].as_u64().unwrap_or(0) as usize + 1;
            let end_col = r["end_col_offset"]
                .as_u64()
                .map(|c| c as usize + 1)
                .unwrap_or(col + 1);
            RawFinding {
                path: r["filename"].as_str().unwrap_or("").to_string(),
                start_line: line,
                start_column: col,
                end_line,
                end_column: end_col,
                rule_id: format!("bandit/{}", r["test_id"].as_str().unwrap_or("?")),
                message: r["issue_text"].as_str().unwrap_or("").to_string(),
                cwe: r["issue_cwe"]["id"]
                    .as_u64()
                    .and_then(|n| u32::try_from(n).ok())
                    .map(crate::Cwe::new),
                severity: severity_from(r["issue_severity"].as_str().unwrap_or("low")),
            }
        })
        .collect())
}

impl Engine for Bandit {
    fn name(&self) -> &str {
        "bandit"
    }

    fn scan(
        &self,
        files: &[SourceFile],
        filter: &RuleFilter,
    ) -> Result<Vec<FileReport>, EngineError> {
        let py: Vec<usize> = (0..files.len())
            .filter(|&i| files[i].language == Language::Python)
            .collect();
        let mut reports = to_reports(files, &[], Vec::new(), "bandit", filter);
        if py.is_empty() {
            return Ok(reports);
        }
        let bin = require("bandit", "install it with `python3 -m pip install bandit`")?;
        let subset: Vec<SourceFile> = py.iter().map(|&i| files[i].clone()).collect();
        let scratch = Scratch::write(&subset)?;
        let out = run(
            "bandit",
            Command::new(bin)
                .args(["-f", "json", "-q", "-r", "."])
                .current_dir(scratch.path()),
            &[0, 1],
        )?;
        let raw = parse_json(&String::from_utf8_lossy(&out.stdout))?;
        for (k, r) in to_reports(&subset, &scratch.names, raw, "bandit", filter)
            .into_iter()
            .enumerate()
        {
            reports[py[k]] = r;
        }
        Ok(reports)
    }
}
