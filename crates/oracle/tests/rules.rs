//! Every rule against its fixtures: the vulnerable file's findings are a
//! reviewed snapshot, the fixed file has none, and mechanical fixes remove
//! the findings they are attached to.

use hexacoder_oracle::{
    analyse, apply_fixes, rules, FileReport, Finding, Language, RuleFilter, RuleMeta, SourceFile,
};
use std::path::PathBuf;

fn fixture_dir(rule_id: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rules")
        .join(rule_id.replace('/', "-"))
}

/// The fixture's extension: `py`, `c`, or `cpp` for a C rule about C++ code (its fixtures
/// are read with the C++ grammar).
fn ext_in(lang: Language, dir: &std::path::Path) -> &'static str {
    match lang {
        Language::Python => "py",
        Language::C if dir.join("vulnerable.cpp").is_file() => "cpp",
        Language::C => "c",
    }
}

/// Scans with the rule's own profile: an audit rule's fixtures are read with the audit rules on.
fn scan_for(meta: &RuleMeta, code: &str, ext: &str) -> FileReport {
    let file = SourceFile::new(format!("<fixture>.{ext}"), meta.language, code.to_string());
    let filter = RuleFilter {
        profile: meta.profile(),
        ..RuleFilter::default()
    };
    analyse(&file, &filter)
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

/// Failures of every rule, reported together: one broken rule must not hide the others.
#[derive(Default)]
struct Failures(Vec<String>);

impl Failures {
    fn check(&mut self, ok: bool, message: impl FnOnce() -> String) {
        if !ok {
            self.0.push(message());
        }
    }

    fn assert_none(self) {
        assert!(
            self.0.is_empty(),
            "{} failure(s):\n{}",
            self.0.len(),
            self.0.join("\n")
        );
    }
}

#[test]
fn every_rule_has_fixtures_and_documentation() {
    let mut failures = Failures::default();
    for rule in rules::ALL {
        let id = rule.meta.id;
        let dir = fixture_dir(id);
        let e = ext_in(rule.meta.language, &dir);
        failures.check(dir.join(format!("vulnerable.{e}")).is_file(), || {
            format!("{id} has no vulnerable fixture")
        });
        failures.check(dir.join(format!("fixed.{e}")).is_file(), || {
            format!("{id} has no fixed fixture")
        });
        let doc = rule.doc();
        for section in [
            "### What it does",
            "### Why is this bad?",
            "### Example",
            "### Use instead",
            "### References",
        ] {
            failures.check(doc.contains(section), || {
                format!("{id}: doc lacks `{section}`")
            });
        }
        failures.check(doc.contains(&rule.meta.cwe.to_string()), || {
            format!("{id}: doc does not name {}", rule.meta.cwe)
        });
    }
    failures.assert_none();
}

/// A rule's file is named after its id: `py/http-response-splitting` lives in
/// `rules/python/cwe_113_http_response_splitting.rs`.
#[test]
fn rule_files_are_named_after_their_ids() {
    let mut failures = Failures::default();
    for rule in rules::ALL {
        let (_, name) = rule.meta.id.split_once('/').unwrap();
        let number = format!("{:03}", rule.meta.cwe.number());
        let file = format!("cwe_{number}_{}.rs", name.replace(['-', '/'], "_"));
        let dir = match rule.meta.language {
            Language::Python => "python",
            Language::C => "c",
        };
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("src/rules")
            .join(dir)
            .join(&file);
        failures.check(path.is_file(), || {
            format!("{}: expected {dir}/{file}", rule.meta.id)
        });
    }
    failures.assert_none();
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
    let mut failures = Failures::default();
    for rule in rules::ALL {
        let id = rule.meta.id;
        let dir = fixture_dir(id);
        let e = ext_in(rule.meta.language, &dir);
        let vulnerable = std::fs::read_to_string(dir.join(format!("vulnerable.{e}"))).unwrap();
        let fixed = std::fs::read_to_string(dir.join(format!("fixed.{e}"))).unwrap();

        let report = scan_for(rule.meta, &vulnerable, e);
        let found = of_rule(&report.findings, id);
        failures.check(!found.is_empty(), || {
            format!("{id} does not fire on its vulnerable fixture")
        });
        let rendered = render(&found);
        let snapshot = std::panic::catch_unwind(|| {
            insta::assert_snapshot!(id.replace('/', "-"), rendered);
        });
        failures.check(snapshot.is_ok(), || format!("{id}: snapshot differs"));

        let clean = scan_for(rule.meta, &fixed, e);
        let wrong = of_rule(&clean.findings, id);
        failures.check(wrong.is_empty(), || {
            format!("{id} fires on its fixed fixture:\n{}", render(&wrong))
        });
    }
    failures.assert_none();
}

#[test]
fn mechanical_fixes_remove_their_findings() {
    let mut with_fixes = 0;
    for rule in rules::ALL {
        let dir = fixture_dir(rule.meta.id);
        let e = ext_in(rule.meta.language, &dir);
        let vulnerable = std::fs::read_to_string(dir.join(format!("vulnerable.{e}"))).unwrap();
        let report = scan_for(rule.meta, &vulnerable, e);
        let found = of_rule(&report.findings, rule.meta.id);
        let fixes: Vec<_> = found.iter().filter_map(|f| f.fix.as_ref()).collect();
        if fixes.is_empty() {
            continue;
        }
        with_fixes += 1;
        let (patched, applied) = apply_fixes(&vulnerable, &fixes);
        assert_eq!(applied, fixes.len(), "{}: overlapping fixes", rule.meta.id);
        let after = scan_for(rule.meta, &patched, e);
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
