//! cppcheck (`--xml --xml-version=2`), C only. The first `<location>` of an
//! `<error>` is the primary one; `cwe` is an attribute.

use super::{require, run, to_reports, RawFinding, Scratch};
use crate::analysis::{FileReport, RuleFilter};
use crate::engine::{Engine, EngineError};
use crate::finding::Severity;
use crate::source::{Language, SourceFile};
use quick_xml::events::Event;
use std::process::Command;

#[derive(Default)]
pub struct Cppcheck;

/// Parses cppcheck's XML version 2 report.
pub fn parse_xml(text: &str) -> Result<Vec<RawFinding>, EngineError> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut out = Vec::new();
    let mut current: Option<RawFinding> = None;
    loop {
        let event = reader.read_event().map_err(|e| EngineError::BadOutput {
            tool: "cppcheck".into(),
            message: format!("bad XML at byte {}: {e}", reader.buffer_position()),
        })?;
        match event {
            Event::Start(e) | Event::Empty(e) => {
                let attr = |name: &str| -> Option<String> {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == name)
                        .and_then(|a| {
                            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .ok()
                                .map(|v| v.into_owned())
                        })
                };
                match e.name().as_ref() {
                    "error" => {
                        if let Some(done) = current.take() {
                            out.push(done);
                        }
                        let severity = match attr("severity").as_deref() {
                            Some("error") => Severity::High,
                            Some("warning") => Severity::Medium,
                            _ => Severity::Low,
                        };
                        current = Some(RawFinding {
                            path: String::new(),
                            start_line: 0,
                            start_column: 1,
                            end_line: 0,
                            end_column: 2,
                            rule_id: format!("cppcheck/{}", attr("id").unwrap_or_default()),
                            message: attr("msg").unwrap_or_default(),
                            cwe: attr("cwe").and_then(|c| crate::Cwe::parse(&c)),
                            severity,
                        });
                    }
                    "location" => {
                        if let Some(f) = current.as_mut() {
                            if f.path.is_empty() {
                                f.path = attr("file").unwrap_or_default();
                                f.start_line =
                                    attr("line").and_then(|l| l.parse().ok()).unwrap_or(1);
                                f.start_column = attr("column")
                                    .and_then(|l| l.parse().ok())
                                    .unwrap_or(1)
                                    .max(1);
                                f.end_line = f.start_line;
                                f.end_column = f.start_column + 1;
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::End(e) if e.name().as_ref() == "error" => {
                if let Some(done) = current.take() {
                    out.push(done);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // Errors without a location (e.g. missingIncludeSystem) are not findings.
    out.retain(|f| !f.path.is_empty());
    Ok(out)
}

impl Engine for Cppcheck {
    fn name(&self) -> &str {
        "cppcheck"
    }

    fn scan(
        &self,
        files: &[SourceFile],
        filter: &RuleFilter,
    ) -> Result<Vec<FileReport>, EngineError> {
        let c: Vec<usize> = (0..files.len())
            .filter(|&i| files[i].language == Language::C)
            .collect();
        let mut reports = to_reports(files, &[], Vec::new(), "cppcheck", filter);
        if c.is_empty() {
            return Ok(reports);
        }
        let bin = require(
            "cppcheck",
            "install it with your package manager (e.g. `apt-get install cppcheck`)",
        )?;
        let subset: Vec<SourceFile> = c.iter().map(|&i| files[i].clone()).collect();
        let scratch = Scratch::write(&subset)?;
        let out = run(
            "cppcheck",
            Command::new(bin)
                .args([
                    "--enable=warning,style,performance,portability",
                    "--xml",
                    "--xml-version=2",
                    "-q",
                    ".",
                ])
                .current_dir(scratch.path()),
            &[0, 1],
        )?;
        let raw = parse_xml(&String::from_utf8_lossy(&out.stderr))?;
        for (k, r) in to_reports(&subset, &scratch.names, raw, "cppcheck", filter)
            .into_iter()
            .enumerate()
        {
            reports[c[k]] = r;
        }
        Ok(reports)
    }
}
