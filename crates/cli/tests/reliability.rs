//! Cases a hostile but realistic user met (issue 17): each is one clear error line and exit 2,
//! or the right behaviour, and never lost or misplaced work.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

fn bin() -> Command {
    Command::cargo_bin("hexacoder").unwrap()
}

fn fails(cmd: &mut Command, message: &str) {
    cmd.assert()
        .code(2)
        .stderr(predicate::str::starts_with("error"))
        .stderr(predicate::str::contains(message))
        .stderr(predicate::str::contains("panicked").not());
}

#[test]
fn empty_inputs_are_errors_not_empty_reports() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.jsonl");
    std::fs::write(&empty, "").unwrap();
    fails(bin().arg("oracle-eval").arg(&empty), "no rows to score");
    let out = dir.path().join("r");
    fails(
        bin()
            .args(["eval", "--benchmark", "humaneval", "--samples"])
            .arg(&empty)
            .arg("--out")
            .arg(&out),
        "no samples to score",
    );
    assert!(!out.join("results.json").exists());
}

#[test]
fn synth_refuses_two_tasks_with_one_id() {
    let dir = tempfile::tempdir().unwrap();
    let tasks = dir.path().join("tasks.jsonl");
    let row = r#"{"task_id": "t1", "cwe": "CWE-078", "language": "python", "prompt": "import os\ndef f(x):\n"}"#;
    std::fs::write(&tasks, format!("{row}\n{row}\n")).unwrap();
    fails(
        bin()
            .args(["synth", "--tasks"])
            .arg(&tasks)
            .arg("--out")
            .arg(dir.path().join("out")),
        "task_id `t1` is already used on line 1",
    );
}

#[test]
fn scan_refuses_a_file_over_the_size_limit() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.py");
    let line = "x = 1\n".repeat(1_700_000); // 10.2 MB
    std::fs::write(&big, line).unwrap();
    fails(
        bin().arg("scan").arg(&big),
        "over the oracle's limit of 10 MB per file",
    );
}

/// A folder benchmark given as `../..` is named after the folder it resolves to, so its
/// samples land inside the run folder, not in the current directory.
#[test]
fn a_benchmark_named_by_a_relative_path_stays_inside_the_run_folder() {
    let dir = tempfile::tempdir().unwrap();
    let leaf = dir.path().join("b3/python/CWE-078");
    std::fs::create_dir_all(&leaf).unwrap();
    std::fs::write(leaf.join("p.py"), "import os\n\ndef run(cmd):\n").unwrap();
    let out = dir.path().join("R");
    bin()
        .current_dir(&leaf)
        .args([
            "eval",
            "--benchmark",
            "../..",
            "--modes",
            "base",
            "-n",
            "1",
            "--max-new-tokens",
            "8",
            "-j",
            "2",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    assert!(out.join("base/b3/samples.jsonl").is_file());
    assert!(!leaf.join("samples.jsonl").exists());
    assert!(!Path::new(&leaf).join("judged.jsonl").exists());
}

/// `generate --prompts . --out DIR` inside the prompt folder, twice: the second run does not
/// read the first run's outputs as prompts.
#[test]
fn generate_does_not_read_its_own_outputs_as_prompts() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.py"), "def a():\n").unwrap();
    std::fs::write(dir.path().join("b.c"), "int b(void) {\n").unwrap();
    for _ in 0..2 {
        bin()
            .current_dir(dir.path())
            .args([
                "generate",
                "--prompts",
                ".",
                "--out",
                "GO2",
                "--max-new-tokens",
                "4",
                "-j",
                "2",
            ])
            .assert()
            .success()
            .stderr(predicate::str::contains("wrote 2 prompts"));
    }
}

/// Messages name the flag or the row's real problem, and a refused run leaves no folder.
#[test]
fn messages_name_the_flag_or_the_real_problem() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("synth");
    // Every command that samples checks its sampling flags before a model loads or a folder
    // is made (eval once took `inf`, loaded the model, made its run folder and then blamed
    // HumanEval/0 for the value).
    for command in ["synth", "eval", "generate"] {
        fails(
            bin().args([command, "--temperature=-1", "--out"]).arg(&out),
            "invalid value '-1' for '--temperature <TEMPERATURE>': must be a finite number ≥ 0",
        );
        fails(
            bin()
                .args([command, "--temperature", "inf", "--out"])
                .arg(&out),
            "invalid value 'inf' for '--temperature <TEMPERATURE>'",
        );
        fails(
            bin().args([command, "--top-p", "2", "--out"]).arg(&out),
            "invalid value '2' for '--top-p <TOP_P>': must be in (0, 1]",
        );
        if command != "synth" {
            fails(
                bin()
                    .args([command, "--adapter-weight=-1", "--out"])
                    .arg(&out),
                "invalid value '-1' for '--adapter-weight <ADAPTER_WEIGHT>': must be a finite number ≥ 0",
            );
        }
        assert!(
            !out.exists(),
            "a refused {command} run made its output folder"
        );
    }
    fails(
        bin()
            .args(["eval", "--adapter-weight", "0.5", "--out"])
            .arg(&out),
        "--adapter-weight: needs --adapter DIR",
    );
    assert!(!out.exists(), "a refused eval made its output folder");
    let rows = dir.path().join("rows.jsonl");
    std::fs::write(&rows, "[1,2]\n").unwrap();
    fails(
        bin().arg("oracle-eval").arg(&rows),
        "expected a JSON object per row, found an array",
    );
    let data = dir.path().join("d.jsonl");
    std::fs::write(
        &data,
        r#"{"text": "print(1)\n", "changes": [{"char_start": 5, "char_end": 2}]}"#,
    )
    .unwrap();
    fails(
        bin()
            .args(["train", "--prompt-style", "completion", "--data"])
            .arg(&data)
            .arg("--out")
            .arg(dir.path().join("t")),
        "span 5..2 is reversed",
    );
}

/// Code nested deeper than the taint engine follows is not reported as clean: every format
/// carries the diagnostic and the exit is 2 unless --allow-incomplete.
#[test]
fn an_analysis_cut_short_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let deep = dir.path().join("deep.py");
    let code = format!(
        "import os\nos.system({}input(){})\n",
        "str(".repeat(260),
        ")".repeat(260)
    );
    std::fs::write(&deep, code).unwrap();
    let d = deep.to_str().unwrap();
    fails(bin().args(["scan", d]), "was cut short");
    bin()
        .args(["scan", d])
        .assert()
        .stdout(predicate::str::contains("warning:").and(predicate::str::contains("cut short")));
    let json = bin().args(["scan", "-f", "json", d]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["files"][0]["incomplete"], true);
    let sarif = bin().args(["scan", "-f", "sarif", d]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&sarif.stdout).unwrap();
    let inv = &v["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false);
    assert!(inv["toolExecutionNotifications"][0]["message"]["text"]
        .as_str()
        .unwrap()
        .contains("cut short"));
    // Told otherwise, the exit follows the findings.
    let code = bin()
        .args(["scan", "--allow-incomplete", d])
        .output()
        .unwrap()
        .status
        .code();
    assert!(matches!(code, Some(0) | Some(1)), "{code:?}");
    // A shallow file is complete and says nothing.
    let shallow = dir.path().join("ok.py");
    std::fs::write(&shallow, "import os\nos.system(str(input()))\n").unwrap();
    bin()
        .args(["scan", shallow.to_str().unwrap()])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("cut short").not());
}
