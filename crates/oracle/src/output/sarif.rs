//! SARIF 2.1.0 output, as GitHub code scanning reads it: one run, the
//! rules that fired with their metadata (`security-severity`, CWE tags
//! `external/cwe/cwe-078`, help text from the rule docs), results with
//! physical locations (1-based lines, code-point columns) and fixes.

use crate::analysis::FileReport;
use crate::finding::{Finding, Severity};
use crate::rules;
use serde_json::{json, Value};
use std::collections::BTreeMap;

fn cwe_tag(cwe: crate::Cwe) -> String {
    format!("external/cwe/cwe-{}", cwe.number())
}

/// A relative, forward-slash URI for a path (SARIF artifact locations).
fn uri(path: &str) -> String {
    let p = path.replace('\\', "/");
    let p = p.trim_start_matches("./");
    p.split('/')
        .map(|seg| {
            seg.bytes()
                .map(|b| match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                        (b as char).to_string()
                    }
                    _ => format!("%{b:02X}"),
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn region(span: &crate::source::Span) -> Value {
    json!({
        "startLine": span.start_line,
        "startColumn": span.start_column,
        "endLine": span.end_line,
        "endColumn": span.end_column.max(if span.end_line == span.start_line { span.start_column + 1 } else { 1 }),
    })
}

fn rule_descriptor(f: &Finding) -> Value {
    let found = rules::ALL.iter().find(|r| r.meta.id == f.rule_id);
    let (name, summary, help, severity) = match found {
        Some(r) => (
            r.meta.name.to_string(),
            r.meta.summary.to_string(),
            r.doc(),
            r.meta.severity,
        ),
        None => (
            f.rule_id.clone(),
            f.message.clone(),
            f.message.clone(),
            f.severity,
        ),
    };
    json!({
        "id": f.rule_id,
        "name": name.replace(' ', ""),
        "shortDescription": { "text": name },
        "fullDescription": { "text": summary },
        "help": { "text": help, "markdown": help },
        "defaultConfiguration": { "level": severity.sarif_level() },
        "properties": {
            "tags": ["security", cwe_tag(f.cwe)],
            "precision": "high",
            "problem.severity": match severity { Severity::Low => "recommendation", Severity::Medium => "warning", _ => "error" },
            "security-severity": severity.security_severity(),
        }
    })
}

pub fn render(reports: &[FileReport], engine: &str) -> String {
    let findings: Vec<&Finding> = reports.iter().flat_map(|r| &r.findings).collect();
    let mut rule_index: BTreeMap<String, usize> = BTreeMap::new();
    let mut rules_json = Vec::new();
    for f in &findings {
        if !rule_index.contains_key(&f.rule_id) {
            rule_index.insert(f.rule_id.clone(), rules_json.len());
            rules_json.push(rule_descriptor(f));
        }
    }
    let results: Vec<Value> = findings
        .iter()
        .map(|f| {
            let loc = json!({
                "physicalLocation": {
                    "artifactLocation": { "uri": uri(&f.path) },
                    "region": {
                        "startLine": f.span.start_line,
                        "startColumn": f.span.start_column,
                        "endLine": f.span.end_line,
                        "endColumn": region(&f.span)["endColumn"],
                        "snippet": { "text": f.snippet },
                    }
                }
            });
            let mut r = json!({
                "ruleId": f.rule_id,
                "ruleIndex": rule_index[&f.rule_id],
                "level": f.severity.sarif_level(),
                "message": { "text": f.message },
                "locations": [loc],
                "partialFingerprints": {
                    "primaryLocationLineHash": format!("{:016x}", fingerprint(f)),
                },
                "properties": { "cwe": f.cwe, "severity": f.severity.name(), "engine": f.engine },
            });
            if !f.profile.is_precise() {
                // An insecure practice without a proven flow: say so where tools look.
                r["properties"]["profile"] = json!(f.profile.name());
                r["properties"]["tags"] = json!(["audit"]);
            }
            if let Some(fix) = &f.fix {
                r["fixes"] = json!([{
                    "description": { "text": fix.description },
                    "artifactChanges": [{
                        "artifactLocation": { "uri": uri(&f.path) },
                        "replacements": fix.edits.iter().map(|e| json!({
                            "deletedRegion": { "charOffset": e.span.start_byte, "charLength": e.span.end_byte - e.span.start_byte },
                            "insertedContent": { "text": e.replacement },
                        })).collect::<Vec<_>>(),
                    }],
                }]);
            }
            r
        })
        .collect();
    let artifacts: Vec<Value> = reports
        .iter()
        .map(
            |r| json!({ "location": { "uri": uri(&r.path) }, "sourceLanguage": r.language.name() }),
        )
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "hexacoder",
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://github.com/hexacoder/hexacoder",
                    "rules": rules_json,
                    "properties": { "engine": engine },
                }
            },
            "columnKind": "unicodeCodePoints",
            "artifacts": artifacts,
            "results": results,
            // Whether every file was analysed completely; each cut-short analysis is a
            // warning notification naming its file.
            "invocations": [{
                "executionSuccessful": reports.iter().all(|r| !r.incomplete),
                "toolExecutionNotifications": reports
                    .iter()
                    .flat_map(|r| r.warnings.iter().map(move |w| serde_json::json!({
                        "level": "warning",
                        "message": {"text": w},
                        "locations": [{"physicalLocation": {"artifactLocation": {"uri": r.path}}}],
                    })))
                    .collect::<Vec<_>>(),
            }],
        }]
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

/// FNV-1a of the rule and the trimmed source line, so a finding keeps its
/// fingerprint when unrelated lines move.
fn fingerprint(f: &Finding) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in f
        .rule_id
        .bytes()
        .chain(f.snippet.lines().next().unwrap_or("").trim().bytes())
    {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}
