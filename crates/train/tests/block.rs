//! The fused decoder block (one op with a hand-written backward, `src/block.rs`) against the
//! composed candle ops it replaces: the same loss and the same gradient for every LoRA matrix,
//! with adapters on all seven linear layers, LoRA dropout, Qwen2's q/k/v biases, grouped K/V,
//! and with activation checkpointing on and off. Both paths compute in f32 with the same
//! formulas, so only summation order differs: 1e-4 relative.

#[path = "../../model/tests/common/mod.rs"]
mod common;

use candle_core::{Device, Tensor};
use common::Tiny;
use hexacoder_model::peft::AdapterConfig;
use hexacoder_train::lora::LoraSet;
use hexacoder_train::model::TrainModel;

fn lora(model: &TrainModel) -> LoraSet {
    let config = AdapterConfig {
        base_model_name_or_path: None,
        r: 4,
        lora_alpha: 8.0,
        lora_dropout: 0.1,
        target_modules: [
            "q_proj",
            "k_proj",
            "v_proj",
            "o_proj",
            "gate_proj",
            "up_proj",
            "down_proj",
        ]
        .map(String::from)
        .to_vec(),
        peft_type: "LORA".into(),
        task_type: Some("CAUSAL_LM".into()),
        use_rslora: false,
        fan_in_fan_out: false,
        bias: "none".into(),
    };
    let set = LoraSet::init(config, &model.config, 7, &Device::Cpu).unwrap();
    // B starts at zero (PEFT's init), which would leave A's gradient zero: give B values.
    for (i, pair) in set.pairs.values().enumerate() {
        let b = pair.b.as_tensor();
        let n = b.elem_count();
        let v: Vec<f32> = (0..n)
            .map(|j| (((j * 31 + i * 17) % 23) as f32 - 11.0) / 40.0)
            .collect();
        pair.b
            .set(&Tensor::from_vec(v, b.shape(), &Device::Cpu).unwrap())
            .unwrap();
    }
    set
}

/// Loss and every LoRA gradient of `model` on a fixed batch.
fn loss_and_grads(model: &TrainModel, set: &LoraSet) -> (f32, Vec<Vec<f32>>) {
    let dev = Device::Cpu;
    let (b, t) = (2, 9);
    let ids: Vec<u32> = (0..b * t).map(|i| ((i * 37 + 5) % 300) as u32).collect();
    let w: Vec<f32> = (0..b * t)
        .map(|i| if i % 3 == 1 { 1.0 } else { 0.0 })
        .collect();
    let ids = Tensor::from_vec(ids, (b, t), &dev).unwrap();
    let w = Tensor::from_vec(w, (b, t), &dev).unwrap();
    let loss = model.loss(&ids, &w, set, Some((0.1, 1234))).unwrap();
    let grads = loss.backward().unwrap();
    let g = set
        .vars()
        .iter()
        .map(|v| {
            grads
                .get(v.as_tensor())
                .unwrap()
                .flatten_all()
                .unwrap()
                .to_vec1()
                .unwrap()
        })
        .collect();
    (loss.to_scalar().unwrap(), g)
}

fn check(qwen2: bool) {
    let dir = tempfile::tempdir().unwrap();
    Tiny::new(qwen2, false).write(dir.path(), None);
    let mut model = TrainModel::load(dir.path().to_str().unwrap(), &Device::Cpu).unwrap();
    assert!(model.fused, "the CPU default is the fused block");
    let set = lora(&model);
    model.fused = false;
    let (want_loss, want) = loss_and_grads(&model, &set);
    for checkpoint in [false, true] {
        model.fused = true;
        model.checkpoint = checkpoint;
        let (loss, got) = loss_and_grads(&model, &set);
        assert!(
            (loss - want_loss).abs() < 1e-4 * want_loss.abs(),
            "qwen2 {qwen2} checkpoint {checkpoint}: loss {loss} vs {want_loss}"
        );
        assert_eq!(got.len(), want.len());
        for (i, (g, w)) in got.iter().zip(&want).enumerate() {
            let scale = w.iter().fold(0f32, |a, b| a.max(b.abs()));
            assert!(scale > 0.0, "var {i} has a gradient");
            let diff = g.iter().zip(w).fold(0f32, |a, (g, w)| a.max((g - w).abs()));
            assert!(
                diff < 1e-4 * scale,
                "qwen2 {qwen2} checkpoint {checkpoint}: var {i}: {diff} of {scale}"
            );
        }
    }
}

#[test]
fn fused_llama_block_equals_the_composed_ops() {
    check(false);
}

#[test]
fn fused_qwen2_block_with_biases_equals_the_composed_ops() {
    check(true);
}
