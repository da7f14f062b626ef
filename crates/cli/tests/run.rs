//! `hexacoder run`, the whole method end to end, at toy scale: every stage
//! leaves its output (pairs, adapter, report with the loss curve), and a
//! second run resumes without redoing work.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

#[test]
fn the_main_job_runs_every_stage_and_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("run");
    let run = || {
        Command::cargo_bin("hexacoder")
            .unwrap()
            .args([
                "run",
                "--cwe",
                "CWE-134",
                "--tasks-per-cwe",
                "1",
                "--synth-samples",
                "2",
                "--reference-rows",
                "8",
                "--steps",
                "1",
                "--max-len",
                "160",
                "--limit",
                "1",
                "-n",
                "2",
                "--humaneval-limit",
                "1",
                "--humaneval-n",
                "2",
                "-j",
                "2",
                "--out",
            ])
            .arg(&out)
            .assert()
            .success()
            .stdout(predicate::str::contains("hexacoder run finished"))
            .stdout(predicate::str::contains("| adapter+2step |"))
    };
    run();
    for f in [
        "synth/stats.json",
        "train.jsonl",
        "adapter/best/adapter_config.json",
        "eval/report.html",
    ] {
        assert!(out.join(f).is_file(), "{f}");
    }
    let results: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("eval/results.json")).unwrap())
            .unwrap();
    assert_eq!(results["security"].as_array().unwrap().len(), 4);
    assert_eq!(results["functional"].as_array().unwrap().len(), 4);
    assert_eq!(results["training"]["loss"].as_array().unwrap().len(), 1);
    let html = std::fs::read_to_string(out.join("eval/report.html")).unwrap();
    // Pearce's two charts, all benchmarks per mode, pass@k, the loss curve.
    assert_eq!(html.matches("<svg class=\"chart\"").count(), 5);
    assert!(html.contains("adapter+2step vs base"));
    assert!(html.contains("id=\"samples\""));
    let log = std::fs::read_to_string(out.join("adapter/log.jsonl")).unwrap();
    run();
    assert_eq!(
        std::fs::read_to_string(out.join("adapter/log.jsonl")).unwrap(),
        log,
        "training ran again"
    );
}
