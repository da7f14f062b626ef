//! External engines' output parsing, on real output files the tools wrote
//! (see fixtures/engines/README.md and fixtures/codeql/README.md).

use hexacoder_oracle::external::{bandit, cppcheck, sarif, semgrep, to_reports, RawFinding};
use hexacoder_oracle::{Language, RuleFilter, Severity, SourceFile};
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(fixtures().join(rel)).unwrap()
}

fn summary(raw: &[RawFinding]) -> Vec<(String, usize, usize, String, Option<String>)> {
    raw.iter()
        .map(|r| {
            (
                r.path.clone(),
                r.start_line,
                r.start_column,
                r.rule_id.clone(),
                r.cwe.map(|c| c.to_string()),
            )
        })
        .collect()
}

#[test]
fn bandit_json() {
    let raw = bandit::parse_json(&read("engines/bandit.json")).unwrap();
    assert_eq!(raw.len(), 13);
    assert_eq!(
        summary(&raw[..3]),
        vec![
            (
                "input/py/vuln_cmd.py".into(),
                3,
                1,
                "bandit/B404".into(),
                Some("CWE-078".into())
            ),
            (
                "input/py/vuln_cmd.py".into(),
                14,
                5,
                "bandit/B605".into(),
                Some("CWE-078".into())
            ),
            (
                "input/py/vuln_cmd.py".into(),
                22,
                10,
                "bandit/B602".into(),
                Some("CWE-078".into())
            ),
        ]
    );
    assert!(bandit::parse_json("{}").is_err());
}

#[test]
fn bandit_sarif_matches_its_json() {
    let from_sarif = sarif::parse(&read("engines/bandit.sarif"), "bandit", false, None).unwrap();
    let from_json = bandit::parse_json(&read("engines/bandit.json")).unwrap();
    assert_eq!(from_sarif.len(), from_json.len());
    for (s, j) in from_sarif.iter().zip(&from_json) {
        assert_eq!(
            (s.start_line, s.start_column),
            (j.start_line, j.start_column)
        );
        assert_eq!(s.cwe, j.cwe);
    }
}

#[test]
fn semgrep_json_and_sarif() {
    let raw = semgrep::parse_json(&read("engines/semgrep.json")).unwrap();
    assert_eq!(
        summary(&raw),
        vec![
            (
                "input/py/vuln_cmd.py".into(),
                14,
                5,
                "semgrep/python-os-system-injection".into(),
                Some("CWE-078".into())
            ),
            (
                "input/py/vuln_cmd.py".into(),
                22,
                10,
                "semgrep/python-subprocess-shell-true".into(),
                Some("CWE-078".into())
            ),
            (
                "input/py/vuln_misc.py".into(),
                13,
                12,
                "semgrep/python-insecure-deserialization".into(),
                Some("CWE-502".into())
            ),
            (
                "input/py/vuln_misc.py".into(),
                17,
                12,
                "semgrep/python-insecure-deserialization".into(),
                Some("CWE-502".into())
            ),
        ]
    );
    assert!(raw
        .iter()
        .all(|r| r.severity == Severity::High || r.severity == Severity::Medium));
    let s = sarif::parse(&read("engines/semgrep.sarif"), "semgrep", false, None).unwrap();
    assert_eq!(
        s.iter().map(|r| r.cwe).collect::<Vec<_>>(),
        raw.iter().map(|r| r.cwe).collect::<Vec<_>>()
    );
}

#[test]
fn cppcheck_xml_takes_the_first_location() {
    let raw = cppcheck::parse_xml(&read("engines/cppcheck.xml")).unwrap();
    assert_eq!(
        summary(&raw),
        vec![
            (
                "input/c/vuln.c".into(),
                31,
                12,
                "cppcheck/arrayIndexOutOfBounds".into(),
                Some("CWE-788".into())
            ),
            (
                "input/c/vuln.c".into(),
                15,
                5,
                "cppcheck/getsCalled".into(),
                Some("CWE-477".into())
            ),
            (
                "input/c/vuln.c".into(),
                50,
                6,
                "cppcheck/deallocuse".into(),
                Some("CWE-416".into())
            ),
        ]
    );
    assert_eq!(raw[0].severity, Severity::High);
    assert_eq!(
        cppcheck::parse_xml(&read("engines/cppcheck-2.22.xml"))
            .unwrap()
            .len(),
        5
    );
}

#[test]
fn cppcheck_sarif_lists_the_primary_location_last() {
    let raw = sarif::parse(&read("engines/cppcheck.sarif"), "cppcheck", true, None).unwrap();
    assert_eq!(raw.len(), 5);
    assert_eq!(
        (raw[0].rule_id.as_str(), raw[0].start_line),
        ("arrayIndexOutOfBounds", 31)
    );
    assert_eq!(raw[0].cwe, Some(hexacoder_oracle::Cwe::new(788)));
}

#[test]
fn codeql_rules_in_extensions_and_the_paper_message_map() {
    let maps = sarif::codeql_message_map();
    let raw = sarif::parse(
        &read("codeql/python-advanced-security-demo-python.sarif"),
        "codeql",
        false,
        maps.get("python"),
    )
    .unwrap();
    assert_eq!(
        summary(&raw),
        vec![
            (
                "server/routes.py".into(),
                16,
                13,
                "py/sql-injection".into(),
                Some("CWE-089".into())
            ),
            (
                "server/routes.py".into(),
                22,
                13,
                "py/sql-injection".into(),
                Some("CWE-089".into())
            ),
        ]
    );
    assert_eq!(raw[0].end_column, 67);
    assert_eq!(raw[0].severity, Severity::High);
    let c = sarif::parse(
        &read("codeql/cpp-advanced-security-sarif-toolkit.sarif"),
        "codeql",
        false,
        maps.get("c"),
    )
    .unwrap();
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].rule_id, "cpp/wrong-type-format-argument");
    assert!(c[0].cwe.is_some());
}

/// All nine real CodeQL logs of the team's shared data, when present.
#[test]
fn every_shared_codeql_log_parses_with_its_result_count() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/codeql-sarif");
    if !dir.is_dir() {
        eprintln!("shared CodeQL SARIF folder not present; skipped");
        return;
    }
    let expected = [
        ("python-eltyagi-poc-codeql-artifact-attestation.sarif", 20),
        ("python-sanhphanvan96-seclabs-sast-sca-secrets-ci.sarif", 5),
        ("python-advanced-security-demo-python.sarif", 2),
        ("python-octodemo-felickz-advanced-security-python.sarif", 8),
        ("cpp-seungickjang-secode-demo.sarif", 3),
        ("cpp-vulna-felickz-CppMemoryLeak.sarif", 2),
        ("cpp-dandurisrihari-libcoral.sarif", 13),
        ("cpp-advanced-security-sarif-toolkit.sarif", 1),
        ("cpp-hbeni-fgcom-mumble.sarif", 1),
    ];
    let maps = sarif::codeql_message_map();
    for (file, n) in expected {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let lang = if file.starts_with("python") {
            "python"
        } else {
            "c"
        };
        let raw = sarif::parse(&text, "codeql", false, maps.get(lang)).unwrap();
        assert_eq!(raw.len(), n, "{file}");
        assert!(
            raw.iter()
                .all(|r| !r.rule_id.is_empty() && r.start_line >= 1 && !r.path.is_empty()),
            "{file}"
        );
        let with_cwe = raw.iter().filter(|r| r.cwe.is_some()).count();
        assert!(
            with_cwe * 2 >= raw.len(),
            "{file}: only {with_cwe} of {n} results got a CWE"
        );
    }
}

#[test]
fn raw_findings_are_tied_back_to_input_files() {
    let files = vec![
        SourceFile::new(
            "app/a.py",
            Language::Python,
            "import os\n\nos.system(x)\n".into(),
        ),
        SourceFile::new("b.py", Language::Python, "print(1)\n".into()),
    ];
    let raw = vec![RawFinding {
        path: "/tmp/scratch/f00000.py".into(),
        start_line: 3,
        start_column: 1,
        end_line: 3,
        end_column: 13,
        rule_id: "bandit/B605".into(),
        message: "shell".into(),
        cwe: Some(hexacoder_oracle::Cwe::new(78)),
        severity: Severity::High,
    }];
    let reports = to_reports(
        &files,
        &["f00000.py".into(), "f00001.py".into()],
        raw,
        "bandit",
        &RuleFilter::default(),
    );
    assert_eq!(reports[0].findings.len(), 1);
    let f = &reports[0].findings[0];
    assert_eq!(
        (
            f.path.as_str(),
            f.span.start_line,
            f.span.start_byte,
            f.engine.as_str()
        ),
        ("app/a.py", 3, 11, "bandit")
    );
    assert_eq!(f.snippet, "os.system(x)");
    assert!(reports[1].findings.is_empty());
}

#[test]
fn a_missing_tool_is_one_clear_error() {
    let err = hexacoder_oracle::external::require(
        "definitely-not-a-tool-hexacoder",
        "install it with `pip install x`",
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "`definitely-not-a-tool-hexacoder` was not found on PATH; install it with `pip install x`"
    );
}
