//! The trainer's forward pass against the runtime's, for every architecture the runtime
//! loads: the same tiny random checkpoint (Hugging Face layout, `model/tests/common`) must give
//! the same logits in both, Qwen2's q/k/v biases and tied embeddings included.

#[path = "../../model/tests/common/mod.rs"]
mod common;

use std::collections::HashMap;

use candle_core::{Device, Tensor};
use common::{max_diff, Tiny};
use hexacoder_model::peft::AdapterConfig;
use hexacoder_model::weights::Precision;
use hexacoder_model::Model;
use hexacoder_train::lora::LoraSet;
use hexacoder_train::model::TrainModel;

const IDS: &[u32] = &[5, 77, 300, 12, 12, 250, 3, 99, 180, 41, 7];

fn no_adapter() -> LoraSet {
    LoraSet {
        config: AdapterConfig {
            base_model_name_or_path: None,
            r: 8,
            lora_alpha: 8.0,
            lora_dropout: 0.0,
            target_modules: vec!["q_proj".into()],
            peft_type: "LORA".into(),
            task_type: Some("CAUSAL_LM".into()),
            use_rslora: false,
            fan_in_fan_out: false,
            bias: "none".into(),
        },
        layout: &hexacoder_model::arch::layout::LLAMA,
        pairs: Default::default(),
    }
}

/// `model_type` rewrites the written `config.json` to another Llama-like family (Mistral).
fn check(qwen2: bool, tie: bool) {
    check_family(qwen2, tie, None);
}

fn check_family(qwen2: bool, tie: bool, model_type: Option<&str>) {
    let dir = tempfile::tempdir().unwrap();
    let mut tiny = Tiny::new(qwen2, tie);
    // The runtime holds dense matrices as Q8_0: give both sides weights that Q8_0 keeps
    // exactly (each matrix replaced by its quantized values), so any gap is the forward's.
    let names: Vec<String> = tiny
        .tensors
        .iter()
        .filter(|(_, (shape, _))| shape.len() == 2)
        .map(|(n, _)| n.clone())
        .collect();
    for n in names {
        let exact = tiny.effective(&n);
        tiny.tensors.get_mut(&n).unwrap().1 = exact;
    }
    tiny.write(dir.path(), None);
    if let Some(model_type) = model_type {
        let config = dir.path().join("config.json");
        let mut json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&config).unwrap()).unwrap();
        json["model_type"] = model_type.into();
        std::fs::write(&config, json.to_string()).unwrap();
    }
    let path = dir.path().to_str().unwrap();

    let mut runtime = Model::load(path).unwrap();
    runtime.weights.precision = Precision::Exact;
    let want = runtime.logits(IDS).unwrap();
    let reference = tiny.reference_logits(IDS, &HashMap::new());
    assert!(max_diff(&want, &reference) < 1e-4);

    let tm = TrainModel::load(path, &Device::Cpu).unwrap();
    if let Some(model_type) = model_type {
        assert_eq!(tm.config.arch, model_type);
    }
    let ids = Tensor::from_vec(IDS.to_vec(), (1, IDS.len()), &Device::Cpu).unwrap();
    let got: Vec<f32> = tm
        .forward(&ids, &no_adapter())
        .unwrap()
        .narrow(1, IDS.len() - 1, 1)
        .unwrap()
        .flatten_all()
        .unwrap()
        .to_vec1()
        .unwrap();
    let gap = max_diff(&got, &want);
    assert!(
        gap < 1e-4,
        "trainer vs runtime logits (qwen2 {qwen2}, tied {tie}): {gap}"
    );
}

#[test]
fn llama_trainer_logits_equal_the_runtime() {
    check(false, false);
}

#[test]
fn qwen2_with_biases_and_tied_embeddings_trainer_logits_equal_the_runtime() {
    check(true, true);
}

/// A family added as one arch file trains through the same layout: Mistral's trainer logits
/// equal the runtime's.
#[test]
fn mistral_trainer_logits_equal_the_runtime() {
    check_family(false, false, Some("mistral"));
}
