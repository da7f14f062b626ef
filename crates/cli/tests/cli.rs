//! The `hexacoder` binary as users run it: formats, exit codes, errors.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::PathBuf;

fn bin() -> Command {
    Command::cargo_bin("hexacoder").unwrap()
}

fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../oracle/tests/fixtures")
        .join(rel)
}

#[test]
fn clean_file_exits_zero_and_vulnerable_exits_one() {
    bin()
        .arg("scan")
        .arg(fixture("rules/py-command-injection/fixed.py"))
        .assert()
        .code(0);
    bin()
        .arg("scan")
        .arg(fixture("rules/py-command-injection/vulnerable.py"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("error[CWE-078]"))
        .stdout(predicate::str::contains("py/command-injection"))
        .stdout(predicate::str::contains("vulnerable.py:10:15"));
}

#[test]
fn text_output_has_a_code_frame() {
    let out = bin()
        .arg("scan")
        .arg(fixture("rules/c-format-string/vulnerable.c"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("4 |     printf(argv[1]);"), "{text}");
    assert!(
        text.contains("  |            ^^^^^^^ c/format-string"),
        "{text}"
    );
    assert!(
        text.contains("= fix: Print the value with a \"%s\" format"),
        "{text}"
    );
}

#[test]
fn stdin_needs_a_language() {
    bin()
        .args(["scan", "--lang", "python", "-"])
        .write_stdin("import os\nos.system(input())\n")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("<stdin>:2:11"));
    bin()
        .args(["scan", "-"])
        .write_stdin("x = 1\n")
        .assert()
        .code(2)
        .stderr(predicate::str::diff(
            "error: reading stdin (`-`) needs --lang python|c\n",
        ));
}

#[test]
fn usage_and_io_errors_exit_two_with_one_line() {
    bin()
        .args(["scan", "/nonexistent/file.py"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("error: /nonexistent/file.py: "))
        .stderr(predicate::function(|s: &str| s.lines().count() == 1));
    bin()
        .args(["scan", "--cwe", "xss", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::diff(
            "error: --cwe: `xss` is not a CWE id (expected e.g. CWE-078)\n",
        ));
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("notes.txt");
    std::fs::write(&txt, "hello").unwrap();
    bin()
        .arg("scan")
        .arg(&txt)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown language (expected .py or .c/.h; pass --lang python|c)",
        ));
    bin()
        .args(["scan", "--engine", "nope", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown engine `nope`"));
    bin()
        .args(["scan", "--format", "xml", "."])
        .assert()
        .code(2);
}

#[test]
fn cwe_filter_keeps_only_those_cwes() {
    let file = fixture("rules/py-reflective-xss/vulnerable.py");
    bin()
        .arg("scan")
        .args(["--cwe", "89"])
        .arg(&file)
        .assert()
        .code(0);
    bin()
        .arg("scan")
        .args(["--cwe", "CWE-079"])
        .arg(&file)
        .assert()
        .code(1);
}

#[test]
fn directories_are_walked_honouring_gitignore() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::write(dir.path().join(".gitignore"), "ignored/\n").unwrap();
    std::fs::create_dir(dir.path().join("ignored")).unwrap();
    std::fs::write(
        dir.path().join("ignored/bad.py"),
        "import os\nos.system(input())\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("ok.py"), "print('hi')\n").unwrap();
    let out = bin()
        .args(["scan", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["summary"]["files"], 1);
    std::fs::write(
        dir.path().join("bad.c"),
        "int main(int c, char **v) { printf(v[1]); }\n",
    )
    .unwrap();
    bin()
        .args(["scan", "--jobs", "2"])
        .arg(dir.path())
        .assert()
        .code(1);
}

#[test]
fn json_output_follows_the_documented_schema() {
    let out = bin()
        .args(["scan", "--format", "json"])
        .arg(fixture("rules/py-sql-injection/vulnerable.py"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["engine"], "hexacoder");
    assert_eq!(doc["summary"]["findings"], 2);
    assert_eq!(doc["summary"]["by_cwe"]["CWE-089"], 2);
    let f = &doc["files"][0]["findings"][0];
    for key in [
        "rule_id", "cwe", "severity", "message", "path", "language", "span", "snippet", "engine",
    ] {
        assert!(f.get(key).is_some(), "finding lacks `{key}`: {f}");
    }
    assert_eq!(f["span"]["start_line"], 11);
    assert_eq!(f["span"]["start_column"], 17);
    assert_eq!(f["severity"], "critical");
}

#[test]
fn sarif_output_is_valid_sarif_2_1_0() {
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("sarif-schema-2.1.0.json")).unwrap())
            .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let mut paths: Vec<PathBuf> = vec![fixture("rules")];
    paths.push(fixture("engines/input"));
    let out = bin()
        .args(["scan", "--format", "sarif"])
        .args(&paths)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "SARIF schema errors: {errors:#?}");
    let mut broken = doc.clone();
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        serde_json::json!(0);
    assert!(
        !validator.is_valid(&broken),
        "the schema check must be able to fail"
    );
    let run = &doc["runs"][0];
    let results = run["results"].as_array().unwrap();
    assert!(results.len() > 40);
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let cmd = rules
        .iter()
        .find(|r| r["id"] == "py/command-injection")
        .unwrap();
    let tags = cmd["properties"]["tags"].as_array().unwrap();
    assert!(tags.contains(&serde_json::json!("external/cwe/cwe-78")));
    assert!(cmd["properties"]["security-severity"].as_str().is_some());
    assert!(cmd["help"]["markdown"]
        .as_str()
        .unwrap()
        .contains("### Use instead"));
    // Every result points at its rule and a 1-based region.
    for r in results {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
        assert!(
            r["locations"][0]["physicalLocation"]["region"]["startLine"]
                .as_u64()
                .unwrap()
                >= 1
        );
    }
}

#[test]
fn rule_documentation_by_cwe_and_by_id() {
    bin()
        .args(["rule", "CWE-078"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "## CWE-078: OS command injection (`py/command-injection`)",
        ))
        .stdout(predicate::str::contains("c/command-injection"))
        .stdout(predicate::str::contains("### Use instead"));
    bin()
        .args(["rule", "c/use-after-free"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("CWE-416"));
    bin()
        .args(["rule", "CWE-999"])
        .assert()
        .code(2)
        .stderr(predicate::str::diff(
            "error: no rule matches `CWE-999` (try `hexacoder rules` for the list)\n",
        ));
    let out = bin().arg("rules").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1 + hexacoder_oracle::rules::ALL.len());
}

#[test]
fn oracle_eval_scores_a_corpus_and_rejects_malformed_rows() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("mini.jsonl");
    std::fs::write(
        &corpus,
        concat!(
            r#"{"id":"p/1/before","language":"python","cwe":"CWE-78","label":"vulnerable","code":"import os\nos.system(input())\n"}"#, "\n",
            r#"{"id":"p/1/after","language":"python","cwe":"CWE-78","label":"clean","code":"import subprocess\nsubprocess.run(['ls', input()])\n"}"#, "\n",
            r#"{"id":"c/1","language":"c","cwe":"CWE-134","label":"vulnerable","code":"int main(int c, char **v) { printf(\"%s\", v[1]); }\n"}"#, "\n",
            r##"{"id":"x/1","language":"cpp","cwe":"CWE-78","label":"vulnerable","code":"#include <cstdlib>\n#include <iostream>\n#include <string>\nint main() {\n    std::string s;\n    std::getline(std::cin, s);\n    std::system(s.c_str());\n}\n"}"##, "\n",
            r#"{"id":"j/1","language":"java","cwe":"CWE-78","label":"vulnerable","code":"class A {}"}"#, "\n",
        ),
    )
    .unwrap();
    let out = bin()
        .args(["oracle-eval", "--json"])
        .arg(&corpus)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let py = doc["by_language"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["language"] == "python")
        .unwrap();
    assert_eq!(py["recall"], 100.0);
    assert_eq!(py["fpr"], 0.0);
    assert_eq!(py["pair_ok"], 100.0);
    let c = doc["by_language"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["language"] == "c")
        .unwrap();
    assert_eq!(c["recall"], 0.0);
    // C++ rows are read with the C++ grammar and scored apart from C.
    let cpp = doc["by_language"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["language"] == "cpp")
        .unwrap();
    assert_eq!(cpp["counts"]["n_vuln"], 1);
    assert_eq!(cpp["recall"], 100.0);
    assert_eq!(doc["skipped_languages"]["java"], 1);
    assert!(doc["skipped_languages"].get("cpp").is_none());

    let bad = dir.path().join("bad.jsonl");
    std::fs::write(
        &bad,
        "{\"id\":\"a\",\"language\":\"python\",\"label\":\"maybe\",\"code\":\"\"}\n",
    )
    .unwrap();
    bin()
        .arg("oracle-eval")
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::ends_with(
            "bad.jsonl:1: field `label` is `maybe`, expected `vulnerable` or `clean`\n",
        ));
}

#[test]
fn invalid_utf8_and_binary_input_are_reported_not_panicked_on() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("bin.py");
    std::fs::write(&f, b"\xff\xfe\x00\x01import os\x00\nos.system(input())\n").unwrap();
    bin()
        .arg("scan")
        .arg(&f)
        .assert()
        .stdout(predicate::str::contains("invalid UTF-8 at byte 0"))
        .code(predicate::in_iter([0, 1]));
}

/// `hexacoder … | head` stops quietly when the reader hangs up: no panic
/// message from a failed `println!`.
#[test]
fn a_closed_stdout_pipe_is_not_a_panic() {
    use std::io::Read;
    use std::process::{Command as StdCommand, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.c");
    // `ast` prints several lines per node: far more than a pipe buffers.
    std::fs::write(&file, "int f(int a) { return a + 1; }\n".repeat(4000)).unwrap();
    let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin("hexacoder"))
        .arg("ast")
        .arg(&file)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read a little, then hang up.
    let mut first = [0u8; 64];
    let mut out = child.stdout.take().unwrap();
    out.read_exact(&mut first).unwrap();
    drop(out);
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    child.wait().unwrap();
    assert!(!err.contains("panicked"), "stderr: {err}");
}

/// What a hostile probe broke (issue 17): a CWE filter no rule reports, a report written over
/// the file it scans, output that cannot be written, and absurd thread or sample counts are
/// each one error line and exit 2, with nothing lost.
#[test]
fn filters_outputs_and_limits_that_would_mislead_are_refused() {
    let vulnerable = fixture("rules/py-command-injection/vulnerable.py");
    let fails = |args: &[&str], message: &str| {
        bin()
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::starts_with("error"))
            .stderr(predicate::str::contains(message))
            .stderr(predicate::str::contains("panicked").not());
    };
    let v = vulnerable.to_str().unwrap();
    fails(
        &["scan", "--cwe", "CWE-99999", v],
        "--cwe CWE-99999: no rule reports it",
    );
    // A known CWE still filters.
    bin().args(["scan", "--cwe", "CWE-078", v]).assert().code(1);
    // -o naming a scanned file: refused, the source untouched.
    let dir = tempfile::tempdir().unwrap();
    let app = dir.path().join("app.py");
    std::fs::copy(&vulnerable, &app).unwrap();
    let before = std::fs::read_to_string(&app).unwrap();
    fails(
        &["scan", "-o", app.to_str().unwrap(), app.to_str().unwrap()],
        "that is a file being scanned",
    );
    fails(
        &[
            "scan",
            "-o",
            app.to_str().unwrap(),
            dir.path().to_str().unwrap(),
        ],
        "that is a file being scanned",
    );
    assert_eq!(std::fs::read_to_string(&app).unwrap(), before);
    // Standard output that cannot be written (a full disk): an error line, never a panic or a
    // silent success.
    if std::path::Path::new("/dev/full").exists() {
        for args in [
            vec!["scan", v],
            vec!["scan", "-f", "json", v],
            vec!["scan", "-f", "sarif", v],
            vec!["rules"],
            vec!["rule", "CWE-078"],
        ] {
            let full = std::fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .unwrap();
            let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("hexacoder"))
                .args(&args)
                .stdout(full)
                .output()
                .unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
            assert!(
                err.contains("standard output") && !err.contains("panicked"),
                "{err}"
            );
        }
    }
    fails(&["scan", "-j", "100000", v], "100000 is not in 0..=256");
    fails(
        &["generate", "-j", "100000", "--prompt", "x"],
        "is not in 0..=256",
    );
    fails(
        &["generate", "-n", "100000000", "--prompt", "x"],
        "is not in 1..=1000",
    );
    fails(&["eval", "-n", "0"], "is not in 1..=1000");
}

/// `--profile audit` adds the insecure practices without a proven flow, marked as such in
/// JSON and SARIF; the default profile does not report them.
#[test]
fn audit_profile_adds_marked_findings() {
    let file = fixture("rules/py-audit-shell-command/vulnerable.py");
    bin().arg("scan").arg(&file).assert().code(0);
    let out = bin()
        .args(["scan", "--profile", "audit", "--format", "json"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings: Vec<&serde_json::Value> = v["files"][0]["findings"]
        .as_array()
        .or_else(|| v[0]["findings"].as_array())
        .unwrap()
        .iter()
        .collect();
    let lines: Vec<(u64, &str, &str)> = findings
        .iter()
        .map(|f| {
            (
                f["span"]["start_line"].as_u64().unwrap(),
                f["rule_id"].as_str().unwrap(),
                f["profile"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            (12, "py/audit-shell-command", "audit"),
            (16, "py/audit-shell-command", "audit")
        ]
    );
    let sarif = bin()
        .args(["scan", "--profile", "audit", "--format", "sarif"])
        .arg(&file)
        .output()
        .unwrap();
    let s: serde_json::Value = serde_json::from_slice(&sarif.stdout).unwrap();
    let result = &s["runs"][0]["results"][0];
    assert_eq!(result["properties"]["profile"], "audit");
    assert_eq!(result["properties"]["tags"][0], "audit");
    bin()
        .args(["scan", "--profile", "loose"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--profile: `loose` is not one of precise, audit",
        ));
}
