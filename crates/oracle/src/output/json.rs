//! The stable JSON output (`--format json`), version 1. The schema is
//! documented in `docs/scan-json.md`; fields are only ever added.

use crate::analysis::FileReport;
use serde::Serialize;
use std::collections::BTreeMap;

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
pub struct ScanJson<'a> {
    pub version: u32,
    pub tool: &'static str,
    pub tool_version: &'static str,
    pub engine: &'a str,
    pub summary: Summary,
    pub files: &'a [FileReport],
}

#[derive(Serialize)]
pub struct Summary {
    pub files: usize,
    pub files_with_findings: usize,
    pub findings: usize,
    pub parse_errors: usize,
    pub by_cwe: BTreeMap<crate::Cwe, usize>,
}

pub fn render(reports: &[FileReport], engine: &str) -> String {
    let mut by_cwe = BTreeMap::new();
    for f in reports.iter().flat_map(|r| &r.findings) {
        *by_cwe.entry(f.cwe).or_insert(0) += 1;
    }
    let doc = ScanJson {
        version: SCHEMA_VERSION,
        tool: "hexacoder",
        tool_version: env!("CARGO_PKG_VERSION"),
        engine,
        summary: Summary {
            files: reports.len(),
            files_with_findings: reports.iter().filter(|r| !r.findings.is_empty()).count(),
            findings: reports.iter().map(|r| r.findings.len()).sum(),
            parse_errors: reports.iter().map(|r| r.parse_errors).sum(),
            by_cwe,
        },
        files: reports,
    };
    serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}
