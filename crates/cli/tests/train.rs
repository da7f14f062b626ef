//! `hexacoder train` as users run it: bad input is one error line and exit 2.

use assert_cmd::Command;
use predicates::prelude::*;

fn fails_with(args: &[&str], message: &str) {
    Command::cargo_bin("hexacoder")
        .unwrap()
        .arg("train")
        .args(args)
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("error: "))
        .stderr(predicate::str::contains(message))
        .stderr(predicate::str::contains("panicked").not());
}

#[test]
fn bad_training_input_is_one_error_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let out = out.to_str().unwrap();
    fails_with(
        &["--data", "/no/such/data.jsonl", "--out", out],
        "/no/such/data.jsonl",
    );
    let data = dir.path().join("d.jsonl");
    std::fs::write(&data, "{\"text\": \"x = 1\"}\n{\"text\": \"y\", \"changes\": [{\"char_start\": 0, \"char_end\": 7}]}\n").unwrap();
    let data = data.to_str().unwrap();
    fails_with(
        &["--data", data, "--out", out],
        "d.jsonl:2: field `changes[0]`",
    );
    fails_with(&["--data", data, "--out", out, "--epochs", "0"], "epochs");
    fails_with(
        &["--data", data, "--out", out, "--targets", "q_proj,attn"],
        "`attn`",
    );
    fails_with(&["--data", data, "--out", out, "--lr", "-1"], "lr");
    fails_with(
        &["--data", data, "--out", out, "--model", "/no/model.gguf"],
        "/no/model.gguf",
    );
    fails_with(
        &["--data", data, "--out", out, "--device", "gpu"],
        "--device `gpu`",
    );
    if !cfg!(feature = "cuda") {
        // Refused before the model loads, naming the build option.
        fails_with(
            &["--data", data, "--out", out, "--device", "cuda:1"],
            "--features cuda",
        );
    }
}
