//! Every rule against its fixtures: the vulnerable file's findings are a
//! reviewed snapshot, the fixed file has none, and mechanical fixes remove
//! the findings they are attached to.

use hexacoder_oracle::{apply_fixes, rules, scan_source, Finding, Language};
use std::path::PathBuf;

fn fixture_dir(rule_id: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rules")
        .join(rule_id.replace('/', "-"))
}

fn ext(lang: Language) -> &'static str {
    match lang {
        Language::Python => "py",
        Language::C => "c",
    }
}

fn of_rule<'a>(findings: &'a [Finding], id: &str) -> Vec<&'a Finding> {
    findings.iter().filter(|f| f.rule_id == id).collect()
}

fn render(findings: &[&Finding]) -> String {
    findings
        .iter()
        .map(|f| {
            format!(
                "{}:{}-{}:{} {} {} {}{}",
                f.span.start_line,
                f.span.start_column,
                f.span.end_line,
                f.span.end_column,
                f.cwe,
                f.severity,
                f.message,
                f.fix
                    .as_ref()
                    .map(|x| format!(" [fix: {}]", x.description))
                    .unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_rule_has_fixtures_and_documentation() {
    for rule in rules::ALL {
        let dir = fixture_dir(rule.meta.id);
        let e = ext(rule.meta.language);
        assert!(
            dir.join(format!("vulnerable.{e}")).is_file(),
            "{} has no vulnerable fixture",
            rule.meta.id
        );
        assert!(
            dir.join(format!("fixed.{e}")).is_file(),
            "{} has no fixed fixture",
            rule.meta.id
        );
        let doc = rule.doc();
        for section in [
            "### What it does",
            "### Why is this bad?",
            "### Example",
            "### Use instead",
        ] {
            assert!(
                doc.contains(section),
                "{}: doc lacks `{section}`",
                rule.meta.id
            );
        }
        assert!(
            doc.contains(rule.meta.cwe),
            "{}: doc does not name {}",
            rule.meta.id,
            rule.meta.cwe
        );
    }
}

#[test]
fn rule_ids_are_unique() {
    let mut ids: Vec<&str> = rules::ALL.iter().map(|r| r.meta.id).collect();
    ids.sort();
    let n = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), n);
}

#[test]
fn vulnerable_fixtures_match_snapshots_and_fixed_ones_are_clean() {
    for rule in rules::ALL {
        let dir = fixture_dir(rule.meta.id);
        let e = ext(rule.meta.language);
        let vulnerable = std::fs::read_to_string(dir.join(format!("vulnerable.{e}"))).unwrap();
        let fixed = std::fs::read_to_string(dir.join(format!("fixed.{e}"))).unwrap();

        let report = scan_source(&vulnerable, rule.meta.language);
        let found = of_rule(&report.findings, rule.meta.id);
        assert!(
            !found.is_empty(),
            "{} does not fire on its vulnerable fixture",
            rule.meta.id
        );
        insta::assert_snapshot!(rule.meta.id.replace('/', "-"), render(&found));

        let clean = scan_source(&fixed, rule.meta.language);
        let wrong = of_rule(&clean.findings, rule.meta.id);
        assert!(
            wrong.is_empty(),
            "{} fires on its fixed fixture:\n{}",
            rule.meta.id,
            render(&wrong)
        );
    }
}

#[test]
fn mechanical_fixes_remove_their_findings() {
    let mut with_fixes = 0;
    for rule in rules::ALL {
        let dir = fixture_dir(rule.meta.id);
        let e = ext(rule.meta.language);
        let vulnerable = std::fs::read_to_string(dir.join(format!("vulnerable.{e}"))).unwrap();
        let report = scan_source(&vulnerable, rule.meta.language);
        let found = of_rule(&report.findings, rule.meta.id);
        let fixes: Vec<_> = found.iter().filter_map(|f| f.fix.as_ref()).collect();
        if fixes.is_empty() {
            continue;
        }
        with_fixes += 1;
        let (patched, applied) = apply_fixes(&vulnerable, &fixes);
        assert_eq!(applied, fixes.len(), "{}: overlapping fixes", rule.meta.id);
        let after = scan_source(&patched, rule.meta.language);
        let remaining = of_rule(&after.findings, rule.meta.id);
        assert_eq!(
            remaining.len(),
            found.len() - fixes.len(),
            "{}: fixes left findings behind:\n{patched}\n{}",
            rule.meta.id,
            render(&remaining)
        );
        assert!(
            after.parse_errors <= report.parse_errors,
            "{}: the fix broke the syntax:\n{patched}",
            rule.meta.id
        );
    }
    assert!(
        with_fixes >= 10,
        "only {with_fixes} rules carry mechanical fixes"
    );
}
