//! The hand-off past one GPU: `scripts/peft/train.py` (PEFT + transformers under accelerate)
//! trains with hexacoder's recipe. Its 3 steps on the tiny Llama fixture, recorded by
//! `scripts/reference/record_peft_handoff.py`, equal the losses of `hexacoder train`'s loop with
//! the same settings (same rows, token weights, split, batch order, LoRA init, schedule) within
//! 1e-4 relative.

use std::path::PathBuf;

use hexacoder_train::model::BasePrecision;
use hexacoder_train::trainer::{train, TrainConfig};
use serde_json::Value;

#[test]
fn our_trainer_takes_the_steps_the_peft_script_took() {
    let fx = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let want: Value =
        serde_json::from_str(&std::fs::read_to_string(fx.join("peft-handoff.json")).unwrap())
            .unwrap();
    let s = &want["settings"];
    let out = tempfile::tempdir().unwrap();
    let cfg = TrainConfig {
        model: fx.join("tiny-llama").to_str().unwrap().into(),
        data: fx.join("handoff.jsonl"),
        out: out.path().to_path_buf(),
        epochs: s["epochs"].as_u64().unwrap() as usize,
        lr: s["lr"].as_f64().unwrap(),
        rank: s["rank"].as_u64().unwrap() as usize,
        alpha: s["alpha"].as_f64().unwrap() as f32,
        dropout: s["dropout"].as_f64().unwrap() as f32,
        targets: s["targets"]
            .as_str()
            .unwrap()
            .split(',')
            .map(String::from)
            .collect(),
        batch_size: s["batch_size"].as_u64().unwrap() as usize,
        micro_batch: s["micro_batch"].as_u64().unwrap() as usize,
        max_len: s["max_len"].as_u64().unwrap() as usize,
        max_steps: s["max_steps"].as_u64(),
        seed: s["seed"].as_u64().unwrap(),
        validation: s["validation"].as_f64().unwrap(),
        base: Some(BasePrecision::F32),
        ..TrainConfig::default()
    };
    train(&cfg, &mut |_, _| true).unwrap();
    let log = std::fs::read_to_string(out.path().join("log.jsonl")).unwrap();
    let ours: Vec<f64> = log
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["loss"]
                .as_f64()
                .unwrap()
        })
        .collect();
    let theirs: Vec<f64> = serde_json::from_value(want["losses"].clone()).unwrap();
    assert_eq!(ours.len(), theirs.len(), "{ours:?} vs {theirs:?}");
    for (k, (a, b)) in ours.iter().zip(&theirs).enumerate() {
        assert!(
            (a - b).abs() < 1e-4 * b,
            "step {k}: ours {a} vs the PEFT script's {b} (all: {ours:?} vs {theirs:?})"
        );
    }
}
