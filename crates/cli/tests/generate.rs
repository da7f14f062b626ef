//! `hexacoder generate` and `hexacoder models` on the embedded model, as users run them
//! (`bash scripts/setup` installs the model; CI runs it first).

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// `generate` in completion style: these tests check the runtime's raw continuations
/// (reference tokens, seeds, two-step splicing); instruct style has its own test below.
fn bin() -> Command {
    let mut c = Command::cargo_bin("hexacoder").unwrap();
    c.args(["generate", "-j", "2", "--prompt-style", "completion"]);
    c
}

fn repo(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
}

fn jsonl(out: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn fails_with(args: &[&str], message: &str) {
    bin()
        .args(args)
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("error: "))
        .stderr(predicate::str::contains(message))
        .stderr(predicate::str::contains("panicked").not());
}

/// Greedy decoding in exact precision reproduces transformers' greedy tokens (recorded in
/// the model crate's fixture) for a prompt without near-ties.
#[test]
fn greedy_exact_generation_equals_the_reference() {
    let fixture =
        std::fs::read_to_string(repo("crates/model/tests/fixtures/logits_exact.jsonl")).unwrap();
    let row: Value = fixture
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|r| {
            r["margins"]
                .as_array()
                .unwrap()
                .iter()
                .take(16)
                .all(|m| m.as_f64().unwrap() > 0.05)
        })
        .expect("a prompt without near-ties");
    let out = bin()
        .args([
            "--prompt",
            row["prompt"].as_str().unwrap(),
            "--temperature",
            "0",
            "--precision",
            "exact",
        ])
        .args([
            "--max-new-tokens",
            "16",
            "--no-truncate",
            "--format",
            "jsonl",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = jsonl(&out.stdout);
    // Decode the reference ids with the model's own tokenizer to compare text.
    let gguf = hexacoder_model::store::locate("smollm2").unwrap();
    let tok = hexacoder_model::tokenizer::Tokenizer::from_gguf(
        &hexacoder_model::gguf::GgufFile::open(gguf.path()).unwrap(),
    )
    .unwrap();
    let ids: Vec<u32> = row["greedy"].as_array().unwrap()[..16]
        .iter()
        .map(|v| v.as_u64().unwrap() as u32)
        .collect();
    let want = tok.decode(&ids).unwrap();
    assert_eq!(rows[0]["completion"].as_str().unwrap(), want);
}

#[test]
fn same_seed_same_samples_and_n_samples_per_prompt() {
    let args = [
        "--prompt",
        "def add(a, b):\n",
        "--lang",
        "python",
        "-n",
        "3",
        "--seed",
        "7",
        "--max-new-tokens",
        "24",
        "--format",
        "jsonl",
    ];
    let a = bin().args(args).output().unwrap();
    let b = bin().args(args).output().unwrap();
    assert!(a.status.success(), "{}", String::from_utf8_lossy(&a.stderr));
    assert_eq!(a.stdout, b.stdout);
    let rows = jsonl(&a.stdout);
    assert_eq!(rows.len(), 3);
    let other = bin().args(args).args(["--seed", "8"]).output().unwrap();
    assert_ne!(a.stdout, other.stdout);
    // Python truncation: no completion continues past a line that starts at column 0.
    for r in &rows {
        let c = r["completion"].as_str().unwrap();
        assert!(
            !c.contains("\ndef ")
                && !c
                    .lines()
                    .skip(1)
                    .any(|l| !l.is_empty() && !l.starts_with([' ', '\t'])),
            "{c:?}"
        );
    }
}

#[test]
fn two_step_keeps_the_prompt_and_adds_only_import_lines_above_it() {
    let prompt = repo("data/benchmarks/pearce/python/CWE-502/CWE-502_0.py");
    let text = std::fs::read_to_string(&prompt).unwrap();
    let out = bin()
        .arg(&prompt)
        .args([
            "--two-step",
            "-n",
            "2",
            "--max-new-tokens",
            "40",
            "--format",
            "jsonl",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = jsonl(&out.stdout);
    assert_eq!(rows.len(), 2);
    let used = rows[0]["prompt"].as_str().unwrap();
    let (imports, rest) =
        hexacoder_model::generate::split_imports(&text, hexacoder_model::Language::Python);
    assert!(used.starts_with(&imports), "{used}");
    assert!(used.ends_with(&rest), "{used}");
    let added = &used[imports.len()..used.len() - rest.len()];
    assert!(
        added
            .lines()
            .all(|l| l.starts_with("import ") || l.starts_with("from ")),
        "{added:?}"
    );
}

#[test]
fn prompts_folder_writes_files_and_jsonl_and_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let prompts = dir.path().join("prompts");
    std::fs::create_dir_all(prompts.join("py")).unwrap();
    std::fs::write(prompts.join("py/a.py"), "def square(x):\n").unwrap();
    std::fs::write(
        prompts.join("b.c"),
        "#include <stdio.h>\n\nint twice(int x) {\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    for _ in 0..2 {
        bin()
            .args([
                "--prompts",
                prompts.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
            ])
            .args(["-n", "2", "--max-new-tokens", "12"])
            .assert()
            .success();
    }
    for f in ["py/a/0.py", "py/a/1.py", "b/0.c", "b/1.c"] {
        assert!(out.join(f).is_file(), "{f}");
    }
    assert!(std::fs::read_to_string(out.join("b/0.c"))
        .unwrap()
        .starts_with("#include <stdio.h>"));
    // The second run found everything done: no sample twice.
    let rows = jsonl(&std::fs::read(out.join("samples.jsonl")).unwrap());
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0]["task_id"], "b.c");
    // samples.jsonl is the record: a sample file an interruption left out is written again
    // from its row, and nothing is generated twice.
    let before = std::fs::read(out.join("samples.jsonl")).unwrap();
    let kept = std::fs::read_to_string(out.join("py/a/1.py")).unwrap();
    std::fs::remove_file(out.join("py/a/1.py")).unwrap();
    let again = |extra: &[&str]| {
        bin()
            .args([
                "--prompts",
                prompts.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
            ])
            .args(["-n", "2", "--max-new-tokens", "12"])
            .args(extra)
            .assert()
    };
    again(&[]).success();
    assert_eq!(
        std::fs::read_to_string(out.join("py/a/1.py")).unwrap(),
        kept
    );
    assert_eq!(std::fs::read(out.join("samples.jsonl")).unwrap(), before);
    // Other settings are refused with the setting named, and the folder is left as it was.
    let err = again(&["--temperature", "0.8"]).code(2);
    let stderr = String::from_utf8(err.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("temperature: 0.4"), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert_eq!(std::fs::read(out.join("samples.jsonl")).unwrap(), before);
    // --regenerate sets the old samples aside (never deletes them) and makes new ones.
    again(&["--temperature", "0.8", "--regenerate"]).success();
    let aside: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("replaced-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(
        std::fs::read(aside[0].path().join("samples.jsonl")).unwrap(),
        before
    );
    assert_eq!(
        jsonl(&std::fs::read(out.join("samples.jsonl")).unwrap()).len(),
        4
    );
}

#[test]
fn bad_input_is_one_error_line_and_exit_2() {
    fails_with(&["--prompt", "", "--lang", "python"], "empty");
    fails_with(&["--prompt", "x = 1", "-n", "0"], "0 is not in 1..=1000");
    fails_with(&["--prompt", "x = 1", "--temperature", "-1"], "temperature");
    fails_with(&["--prompt", "x = 1", "--top-p", "0"], "top-p");
    fails_with(&["--prompt", "x = 1", "--two-step"], "--lang");
    fails_with(
        &["--prompt", "x = 1", "--model", "/no/such/model.gguf"],
        "/no/such/model.gguf",
    );
    fails_with(
        &["--prompt", "x = 1", "--precision", "fuzzy"],
        "--precision",
    );
    fails_with(&["--prompt", "x = 1", "--device", "gpu"], "--device `gpu`");
    if !cfg!(feature = "cuda") {
        // Refused before the model loads, naming the build option.
        fails_with(
            &["--prompt", "x = 1", "--device", "cuda"],
            "--features cuda",
        );
    }
    let long = "x = 1\n".repeat(9000);
    fails_with(&["--prompt", &long], "context window");
    fails_with(
        &["--prompt", "x = 1", "--adapter", "/no/such/adapter"],
        "adapter_config.json",
    );
}

#[test]
fn corrupt_and_truncated_gguf_files_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.gguf");
    std::fs::write(&junk, vec![0x47u8; 4096]).unwrap();
    fails_with(
        &["--prompt", "x", "--model", junk.to_str().unwrap()],
        "junk.gguf",
    );
    // The real file cut after its header and first tensors.
    let real = hexacoder_model::store::locate("smollm2").unwrap();
    let bytes = std::fs::read(real.path()).unwrap();
    let cut = dir.path().join("cut.gguf");
    std::fs::write(&cut, &bytes[..bytes.len() / 3]).unwrap();
    fails_with(
        &["--prompt", "x", "--model", cut.to_str().unwrap()],
        "truncated",
    );
    // With backtraces asked for, an expected error is still one line (the tensor library
    // attaches a backtrace to its errors when RUST_BACKTRACE is set).
    for model in [&junk, &cut] {
        let out = bin()
            .env("RUST_BACKTRACE", "1")
            .args(["--prompt", "x", "--model", model.to_str().unwrap()])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    }
    let _ = Path::new("");
}

#[test]
fn models_lists_the_default_model() {
    Command::cargo_bin("hexacoder")
        .unwrap()
        .arg("models")
        .assert()
        .success()
        .stdout(predicate::str::contains("smollm2"))
        .stdout(predicate::str::contains("SmolLM2-135M-Instruct.Q4_1.gguf"));
}

/// The embedded model is an instruction model: by default `generate` asks it through its chat
/// template and prints the program from its reply.
#[test]
fn instruct_style_prints_the_program_of_the_reply() {
    let out = Command::cargo_bin("hexacoder")
        .unwrap()
        .args([
            "generate",
            "-j",
            "2",
            "--prompt",
            "def add(a, b):",
            "--lang",
            "python",
            "--temperature",
            "0",
            "--format",
            "jsonl",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = jsonl(&out.stdout);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["style"], "instruct");
    let code = rows[0]["code"].as_str().expect("the reply has code");
    assert!(code.contains("def add(a, b):"), "{code}");
    assert!(rows[0]["completion"].as_str().unwrap().contains("```"));
    // No language, no message: one clear error.
    Command::cargo_bin("hexacoder")
        .unwrap()
        .args(["generate", "--prompt", "def f():"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs the prompt's language"));
}
