//! Reading SARIF 2.1.0 written by other tools (CodeQL, Bandit, Semgrep,
//! cppcheck). Handles both rule layouts CodeQL uses (rules in
//! `tool.driver.rules`, or in `tool.extensions[i].rules` referenced by
//! `rule.toolComponent.index`), results without `level` (taken from the
//! rule), CWE tags (`external/cwe/cwe-078`, or Semgrep's `CWE-78: …`), and
//! CodeQL's message→CWE map for the paper's judge.

use super::{severity_from, RawFinding};
use crate::engine::EngineError;
use crate::finding::Severity;
use serde_json::Value;
use std::collections::HashMap;

/// CodeQL rule name → CWE (the paper's mapping), per language.
pub type MessageMap = HashMap<String, String>;

/// The message map shipped with hexacoder (`data/codeql-message-to-cwe.json`).
pub fn codeql_message_map() -> HashMap<String, MessageMap> {
    serde_json::from_str(include_str!("../../data/codeql-message-to-cwe.json")).unwrap_or_default()
}

fn cwe_from_tags(tags: &[Value]) -> Option<crate::Cwe> {
    tags.iter().filter_map(Value::as_str).find_map(|t| {
        let lower = t.to_ascii_lowercase();
        if let Some(rest) = lower.strip_prefix("external/cwe/cwe-") {
            return crate::Cwe::parse(rest);
        }
        if lower.starts_with("cwe-") {
            return crate::Cwe::parse(&lower);
        }
        None
    })
}

/// Parses a SARIF log. `primary_last`: the tool lists the primary location
/// last (cppcheck). `message_map`: rule name → CWE, consulted first.
pub fn parse(
    text: &str,
    tool: &str,
    primary_last: bool,
    message_map: Option<&MessageMap>,
) -> Result<Vec<RawFinding>, EngineError> {
    let bad = |m: String| EngineError::BadOutput {
        tool: tool.to_string(),
        message: m,
    };
    let doc: Value = serde_json::from_str(text).map_err(|e| bad(format!("not JSON: {e}")))?;
    let runs = doc["runs"]
        .as_array()
        .ok_or_else(|| bad("no `runs` array".into()))?;
    let mut out = Vec::new();
    for run in runs {
        let driver_rules = run["tool"]["driver"]["rules"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let extensions: Vec<Vec<Value>> = run["tool"]["extensions"]
            .as_array()
            .map(|exts| {
                exts.iter()
                    .map(|e| e["rules"].as_array().cloned().unwrap_or_default())
                    .collect()
            })
            .unwrap_or_default();
        let find_rule = |result: &Value, id: &str| -> Option<Value> {
            let index = result["rule"]["index"]
                .as_u64()
                .or_else(|| result["ruleIndex"].as_u64());
            if let Some(i) = index {
                let rules = match result["rule"]["toolComponent"]["index"].as_u64() {
                    Some(c) => extensions.get(c as usize),
                    None => Some(&driver_rules),
                };
                if let Some(r) = rules.and_then(|r| r.get(i as usize)) {
                    if r["id"].as_str() == Some(id) || id.is_empty() {
                        return Some(r.clone());
                    }
                }
            }
            driver_rules
                .iter()
                .chain(extensions.iter().flatten())
                .find(|r| r["id"].as_str() == Some(id))
                .cloned()
        };
        for result in run["results"].as_array().into_iter().flatten() {
            let id = result["ruleId"]
                .as_str()
                .or_else(|| result["rule"]["id"].as_str())
                .unwrap_or("")
                .to_string();
            let rule = find_rule(result, &id).unwrap_or(Value::Null);
            let locations = result["locations"].as_array().cloned().unwrap_or_default();
            let loc = if primary_last {
                locations.last()
            } else {
                locations.first()
            };
            let Some(loc) = loc else { continue };
            let phys = &loc["physicalLocation"];
            let path = phys["artifactLocation"]["uri"]
                .as_str()
                .unwrap_or("")
                .to_string();
            let region = &phys["region"];
            let start_line = region["startLine"].as_u64().unwrap_or(1) as usize;
            let start_column = region["startColumn"].as_u64().unwrap_or(1) as usize;
            let end_line = region["endLine"]
                .as_u64()
                .map(|v| v as usize)
                .unwrap_or(start_line);
            let end_column = region["endColumn"]
                .as_u64()
                .map(|v| v as usize)
                .unwrap_or(start_column + 1);
            let name = rule["properties"]["name"]
                .as_str()
                .or_else(|| rule["shortDescription"]["text"].as_str())
                .unwrap_or("");
            let tags = rule["properties"]["tags"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            let cwe = message_map
                .and_then(|m| m.get(name))
                .and_then(|c| crate::Cwe::parse(c))
                .or_else(|| cwe_from_tags(&tags))
                .or_else(|| {
                    cwe_from_tags(
                        result["properties"]["tags"]
                            .as_array()
                            .map(Vec::as_slice)
                            .unwrap_or(&[]),
                    )
                });
            let level = result["level"]
                .as_str()
                .or_else(|| rule["defaultConfiguration"]["level"].as_str())
                .unwrap_or("warning");
            let severity = match rule["properties"]["security-severity"]
                .as_str()
                .and_then(|s| s.parse::<f64>().ok())
            {
                Some(s) if s >= 9.0 => Severity::Critical,
                Some(s) if s >= 7.0 => Severity::High,
                Some(s) if s >= 4.0 => Severity::Medium,
                Some(_) => Severity::Low,
                None => severity_from(level),
            };
            let message = result["message"]["text"].as_str().unwrap_or("").to_string();
            out.push(RawFinding {
                path,
                start_line,
                start_column,
                end_line,
                end_column,
                rule_id: id,
                message,
                cwe,
                severity,
            });
        }
    }
    Ok(out)
}
