//! `hexacoder synth` as users run it, on the embedded model with the
//! oracle's mechanical fixes: pairs are accepted and verified, the dataset
//! trains, runs resume after `kill -9` without losing or duplicating a pair,
//! and the task catalogue does not overlap the benchmarks.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn bin() -> Command {
    Command::cargo_bin("hexacoder").unwrap()
}

fn repo(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
}

/// Two tasks whose prompts already hold the vulnerable call, so almost every
/// sample is vulnerable whatever the CPU's kernels sample.
fn tasks(dir: &Path) -> PathBuf {
    let t = dir.join("tasks");
    std::fs::create_dir_all(t.join("python/CWE-502")).unwrap();
    std::fs::create_dir_all(t.join("c/CWE-134")).unwrap();
    std::fs::write(
        t.join("python/CWE-502/settings.py"),
        "import yaml\n\ndef load_settings(path):\n    '''Load the YAML settings file.'''\n    with open(path) as f:\n        return yaml.load(f",
    )
    .unwrap();
    std::fs::write(
        t.join("c/CWE-134/show.c"),
        "#include <stdio.h>\n\n/* Print the message received from the client. */\nvoid show(const char *msg) {\n    printf(msg",
    )
    .unwrap();
    t
}

/// Synthesis in completion style: these tests check the pipeline's mechanics (verification,
/// resume, repairers) on the yields they were written for.
fn synth(tasks: &Path, out: &Path) -> Command {
    let mut c = bin();
    c.args([
        "synth",
        "--prompt-style",
        "completion",
        "--samples",
        "6",
        "-j",
        "2",
        "--tasks",
    ])
    .arg(tasks)
    .arg("--out")
    .arg(out);
    c
}

fn rows(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn scan_cwes(code: &str, ext: &str, dir: &Path) -> Vec<String> {
    let f = dir.join(format!("check.{ext}"));
    std::fs::write(&f, code).unwrap();
    let out = bin()
        .args(["scan", "--format", "json"])
        .arg(&f)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["cwe"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn pairs_are_verified_train_and_resume() {
    let dir = tempfile::tempdir().unwrap();
    let tasks = tasks(dir.path());
    let out = dir.path().join("out");
    synth(&tasks, &out)
        .assert()
        .success()
        .stdout(predicate::str::contains("| c/CWE-134 | 1 | 6 |"));
    let pairs = rows(&out.join("dataset.jsonl"));
    for cwe in ["CWE-134", "CWE-502"] {
        assert!(pairs.iter().any(|p| p["cwe"] == cwe), "no {cwe} pair");
    }
    for p in &pairs {
        let ext = if p["language"] == "c" { "c" } else { "py" };
        let cwe = p["cwe"].as_str().unwrap();
        let text = p["text"].as_str().unwrap();
        assert!(
            !scan_cwes(text, ext, dir.path()).contains(&cwe.to_string()),
            "{text}"
        );
        assert!(
            scan_cwes(p["vulnerable"].as_str().unwrap(), ext, dir.path())
                .contains(&cwe.to_string())
        );
        let chars: Vec<char> = text.chars().collect();
        for c in p["changes"].as_array().unwrap() {
            let (s, e) = (
                c["char_start"].as_u64().unwrap() as usize,
                c["char_end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                chars[s..e].iter().collect::<String>(),
                c["chars"].as_str().unwrap()
            );
        }
        for field in [
            "task_id",
            "oracle",
            "generator",
            "repairer",
            "attempts",
            "created_at",
        ] {
            assert!(!p[field].is_null(), "{field}");
        }
    }
    let stats: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("stats.json")).unwrap()).unwrap();
    assert_eq!(stats["c/CWE-134"]["samples"], 6);
    // A second run resumes: nothing is generated or written again.
    let dataset = std::fs::read_to_string(out.join("dataset.jsonl")).unwrap();
    let state = std::fs::read_to_string(out.join("state.jsonl")).unwrap();
    synth(&tasks, &out).assert().success();
    assert_eq!(
        std::fs::read_to_string(out.join("dataset.jsonl")).unwrap(),
        dataset
    );
    assert_eq!(
        std::fs::read_to_string(out.join("state.jsonl")).unwrap(),
        state
    );
    // The dataset trains as it is.
    bin()
        .args([
            "train",
            "--prompt-style",
            "completion",
            "--max-steps",
            "1",
            "--max-len",
            "64",
            "--batch-size",
            "2",
            "--micro-batch",
            "2",
            "--data",
        ])
        .arg(out.join("dataset.jsonl"))
        .arg("--out")
        .arg(dir.path().join("adapter"))
        .assert()
        .success();
    assert!(dir
        .path()
        .join("adapter/best/adapter_model.safetensors")
        .is_file());
}

#[test]
fn few_shot_examples_are_shown_but_never_stored() {
    let dir = tempfile::tempdir().unwrap();
    let tasks = tasks(dir.path());
    let shots = dir.path().join("shots.jsonl");
    std::fs::write(
        &shots,
        "{\"cwe\": \"CWE-134\", \"language\": \"c\", \"vulnerable\": \"/* FEWSHOT */\\nvoid log_it(const char *s) {\\n    printf(s);\\n}\\n\"}\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    synth(&tasks, &out)
        .args(["--cwe", "CWE-134", "--few-shot"])
        .arg(&shots)
        .assert()
        .success();
    let pairs = rows(&out.join("dataset.jsonl"));
    assert!(!pairs.is_empty());
    for p in &pairs {
        assert!(!p["text"].as_str().unwrap().contains("FEWSHOT"));
        assert!(p["vulnerable"]
            .as_str()
            .unwrap()
            .starts_with("#include <stdio.h>"));
    }
}

#[test]
fn kill_9_and_resume_loses_and_duplicates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let tasks = tasks(dir.path());
    let whole = dir.path().join("whole");
    synth(&tasks, &whole).assert().success();
    let key = |p: &Value| {
        (
            p["task_id"].to_string(),
            p["sample"].to_string(),
            p["text"].to_string(),
        )
    };
    let want: BTreeSet<_> = rows(&whole.join("dataset.jsonl")).iter().map(key).collect();

    let cut = dir.path().join("cut");
    let bin_path = assert_cmd::cargo::cargo_bin("hexacoder");
    let mut kills = 0;
    for i in 0..40 {
        let mut child = std::process::Command::new(&bin_path)
            .args([
                "synth",
                "--prompt-style",
                "completion",
                "--samples",
                "6",
                "-j",
                "2",
                "--tasks",
            ])
            .arg(&tasks)
            .arg("--out")
            .arg(&cut)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Kill points spread over the run (model load, generation, scanning, writing).
        std::thread::sleep(std::time::Duration::from_millis(
            150 + (i * 397 % 1900) as u64,
        ));
        if child.try_wait().unwrap().is_some() {
            if kills >= 10 {
                break;
            }
            // Finished before the kill: start over to keep killing.
            std::fs::remove_dir_all(&cut).unwrap();
            continue;
        }
        child.kill().unwrap();
        child.wait().unwrap();
        kills += 1;
    }
    assert!(kills >= 10, "only {kills} kills");
    synth(&tasks, &cut).assert().success();
    let got: Vec<Value> = rows(&cut.join("dataset.jsonl"));
    let set: BTreeSet<_> = got.iter().map(key).collect();
    assert_eq!(set.len(), got.len(), "duplicated pairs");
    assert_eq!(set, want);
}

#[test]
fn catalogue_is_clean_and_a_copied_prompt_is_caught() {
    bin()
        .args(["synth", "check-overlap"])
        .assert()
        .success()
        .stdout(predicate::str::contains("0 near-duplicates"));
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("python/CWE-502");
    std::fs::create_dir_all(&t).unwrap();
    std::fs::copy(
        repo("data/benchmarks/pearce/python/CWE-502/CWE-502_0.py"),
        t.join("copy.py"),
    )
    .unwrap();
    bin()
        .args(["synth", "check-overlap", "--tasks"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("python/CWE-502/copy.py: 100%"));
}

#[test]
fn bad_input_is_one_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let fails = |args: &[&str], msg: &str| {
        bin()
            .arg("synth")
            .args(args)
            .arg("--out")
            .arg(dir.path())
            .assert()
            .code(2)
            .stderr(predicate::str::starts_with("error: "))
            .stderr(predicate::str::contains(msg))
            .stderr(predicate::str::contains("panicked").not());
    };
    fails(
        &["--repairer", "llm"],
        "--repairer llm: name the model with --repair-backend",
    );
    let shots = dir.path().join("shots.jsonl");
    std::fs::write(&shots, "{\"cwe\": \"CWE-134\"}\n").unwrap();
    fails(
        &["--few-shot", shots.to_str().unwrap()],
        "shots.jsonl:1: a few-shot row needs",
    );
    fails(&["--repairer", "nope"], "--repairer `nope`");
    fails(&["--cwe", "CWE-999"], "--cwe CWE-999: no task for it");
    fails(&["--cwe", "nope"], "--cwe `nope`");
    fails(&["--generator", "gpt"], "backend `gpt`");
    fails(&["--device", "gpu"], "--device `gpu`");
    let bad = dir.path().join("tasks.jsonl");
    std::fs::write(
        &bad,
        "{\"task_id\": \"a\", \"cwe\": \"CWE-078\", \"language\": \"rust\", \"prompt\": \"x\"}\n",
    )
    .unwrap();
    fails(
        &["--tasks", bad.to_str().unwrap()],
        "tasks.jsonl:1: language `rust`",
    );
}

/// A chat server on loopback standing in for an instruction model: the
/// first request gets a 500 (retried), a first attempt gets prose without
/// code, a retry (told why) gets the program with the format string fixed.
fn repair_server() -> (String, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    use std::io::{BufRead, BufReader, Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/v1", listener.local_addr().unwrap());
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = seen.clone();
    std::thread::spawn(move || {
        for (i, stream) in listener.incoming().enumerate() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut len = 0;
            let mut path = String::new();
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if path.is_empty() {
                    path = line.split_whitespace().nth(1).unwrap_or("").to_string();
                }
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    len = v.trim().parse().unwrap();
                }
            }
            let mut body = vec![0; len];
            reader.read_exact(&mut body).unwrap();
            let req: Value = serde_json::from_slice(&body).unwrap();
            let prompt = req["messages"][0]["content"]
                .as_str()
                .unwrap_or("")
                .to_string();
            log.lock().unwrap().push(format!("{path} {prompt}"));
            let (status, reply) = if i == 0 {
                ("500 Internal Server Error", "{}".to_string())
            } else {
                let content = if prompt.contains("A previous answer was rejected") {
                    let code = prompt.rsplit_once("```c\n").unwrap().1;
                    let code = code.rsplit_once("```").unwrap().0;
                    format!(
                        "Fixed:\n```c\n{}```\n",
                        code.replace("printf(msg", "printf(\"%s\", msg")
                    )
                } else {
                    "Use a constant format string.".to_string()
                };
                ("200 OK", serde_json::json!({"choices": [{"message": {"role": "assistant", "content": content}}]}).to_string())
            };
            let _ = write!(stream, "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{reply}", reply.len());
        }
    });
    (url, seen)
}

#[test]
fn an_llm_repairer_over_http_is_told_why_and_retried() {
    let dir = tempfile::tempdir().unwrap();
    let tasks = tasks(dir.path());
    let (url, seen) = repair_server();
    let out = dir.path().join("out");
    synth(&tasks, &out)
        .args(["--cwe", "CWE-134", "--repairer"])
        .arg(format!("openai:{url}#fixer"))
        .assert()
        .success();
    let pairs = rows(&out.join("dataset.jsonl"));
    assert!(!pairs.is_empty(), "no pair accepted");
    for p in &pairs {
        assert_eq!(p["attempts"], 2, "{p}");
        assert_eq!(p["repairer"], format!("openai:{url}#fixer"));
        assert!(p["text"].as_str().unwrap().contains("printf(\"%s\", msg"));
    }
    let requests = seen.lock().unwrap();
    assert!(requests
        .iter()
        .all(|r| r.starts_with("/v1/chat/completions ")));
    let first = &requests[1];
    assert!(
        first.contains("CWE-134") && first.contains("c/format-string"),
        "{first}"
    );
    assert!(
        first.contains("format string"),
        "the hint is in the prompt: {first}"
    );
    // Prose is taken as the program (no fenced block) and refused by the oracle; the retry says why.
    assert!(requests
        .iter()
        .any(|r| r.contains("A previous answer was rejected: the repair")));
    drop(requests);

    // One attempt only: every sample is refused, with the reason.
    let (url, _) = repair_server();
    let out1 = dir.path().join("one");
    synth(&tasks, &out1)
        .args(["--cwe", "CWE-134", "--repair-attempts", "1", "--repairer"])
        .arg(format!("openai:{url}#fixer"))
        .assert()
        .success();
    assert!(rows(&out1.join("dataset.jsonl")).is_empty());
    let rejected = rows(&out1.join("rejected.jsonl"));
    assert!(!rejected.is_empty());
    for r in &rejected {
        let reason = r["reason"].as_str().unwrap();
        assert!(reason.starts_with("the repair "), "{reason}");
        assert_eq!(r["attempts"], 1);
    }
}

/// `synth check-run` runs both halves of each pair: a repair that keeps its program working
/// passes, one that breaks a program which ran is counted and makes the exit 1.
#[test]
fn check_run_tells_a_repair_that_breaks_its_program() {
    let dir = tempfile::tempdir().unwrap();
    let pair = |vulnerable: &str, fixed: &str| {
        serde_json::json!({
            "text": fixed, "changes": [], "vulnerable": vulnerable, "language": "python",
            "cwe": "CWE-502", "task_id": "python/CWE-502/x.py", "sample": 0, "oracle": [],
            "generator": "test", "repairer": "test", "attempts": 1, "created_at": "now",
        })
        .to_string()
            + "\n"
    };
    let kept = pair(
        "import pickle\ndef load(b):\n    return pickle.loads(b)\n",
        "import json\ndef load(b):\n    return json.loads(b)\n",
    );
    std::fs::write(dir.path().join("dataset.jsonl"), &kept).unwrap();
    bin()
        .args(["synth", "check-run", "--out"])
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "| all | 1 | 1 | 1 | 1 | 1 | 0 | 0 |",
        ));
    let broken = pair(
        "import pickle\nX = 1\n",
        "import json\nX = json.loads('{')\n",
    );
    std::fs::write(dir.path().join("dataset.jsonl"), kept + &broken).unwrap();
    bin()
        .args(["synth", "check-run", "--out"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "| all | 2 | 2 | 2 | 2 | 1 | 1 | 0 |",
        ));
    let rows = std::fs::read_to_string(dir.path().join("run-check.jsonl")).unwrap();
    assert!(
        rows.lines().nth(1).unwrap().contains("\"broken\":true"),
        "{rows}"
    );
    std::fs::write(dir.path().join("dataset.jsonl"), "").unwrap();
    bin()
        .args(["synth", "check-run", "--out"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no pairs to run"));
}

/// `synth --retry-rejected` repairs what it can and names, once per rule, what nothing
/// could repair.
#[test]
fn retry_rejected_reports_unrepairable_rules_once() {
    let dir = tempfile::tempdir().unwrap();
    let row = |sample: usize, code: &str| {
        serde_json::json!({
            "task_id": "c/CWE-787/append_suffix.c", "sample": sample, "cwe": "CWE-787",
            "reason": "no mechanical fix for c/unbounded-write", "attempts": 0,
            "vulnerable": code, "repairer": "autofix",
        })
        .to_string()
            + "\n"
    };
    let unfixable = "#include <string.h>\n\nvoid copy(char *dst, const char *src) {\n    strcpy(dst, src);\n}\n";
    let fixable = "#include <stdio.h>\n\nint main(void) {\n    char word[16];\n    scanf(\"%s\", word);\n    puts(word);\n    return 0;\n}\n";
    std::fs::write(
        dir.path().join("rejected.jsonl"),
        [row(0, unfixable), row(1, unfixable), row(2, fixable)].concat(),
    )
    .unwrap();
    let state = |sample: usize| {
        serde_json::json!({"task_id": "c/CWE-787/append_suffix.c", "sample": sample, "cwe": "CWE-787", "outcome": "rejected", "attempts": 0}).to_string() + "\n"
    };
    std::fs::write(
        dir.path().join("state.jsonl"),
        [state(0), state(1), state(2)].concat(),
    )
    .unwrap();
    let out = bin()
        .args([
            "synth",
            "--retry-rejected",
            "--prompt-style",
            "completion",
            "--out",
        ])
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "retried 3 rejected samples: 1 new pairs",
        ))
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect();
    assert_eq!(
        warnings,
        ["warning: c/unbounded-write: 2 vulnerable samples had no mechanical fix; a model repairer (--repairer llm+autofix --repair-backend …) may repair them"],
        "{stderr}"
    );
    let pairs = std::fs::read_to_string(dir.path().join("dataset.jsonl")).unwrap();
    assert!(pairs.contains("%15s"), "{pairs}");
}
