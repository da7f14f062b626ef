//! The trainer on the families beyond Llama (CodeGen: LayerNorm, parallel residual, partial
//! rotary, GELU, biases, a fused `qkv_proj` adapter; StarCoder2: LayerNorm, GELU, biases
//! everywhere, grouped-query attention; DeepSeek-V2: latent attention with YaRN, routed and
//! shared experts, adapters on `q_proj`/`kv_a_proj_with_mqa`/`kv_b_proj`) against transformers + PEFT on the tiny random models
//! of `scripts/reference/record_family_fixtures.py`: logits, the masked LoRA loss, each
//! layer's LoRA gradient norm and 3 AdamW steps within 1e-4 relative.

use std::path::PathBuf;

use candle_core::{DType, Device, Tensor};
use hexacoder_train::lora::LoraSet;
use hexacoder_train::model::TrainModel;
use hexacoder_train::optim::{AdamW, AdamWConfig};
use serde_json::Value;

fn family(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../model/tests/fixtures/families")
        .join(name)
}

fn reference(name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(family(name).join("reference.json")).unwrap())
        .unwrap()
}

fn rows(v: &Value, device: &Device) -> Tensor {
    let rows: Vec<Vec<f64>> = serde_json::from_value(v.clone()).unwrap();
    let (b, t) = (rows.len(), rows[0].len());
    let flat: Vec<f32> = rows.concat().into_iter().map(|x| x as f32).collect();
    Tensor::from_vec(flat, (b, t), device).unwrap()
}

fn close(got: f64, want: f64, what: &str) {
    assert!(
        (got - want).abs() < 1e-4 * want.abs().max(1e-3),
        "{what}: {got} vs {want}"
    );
}

/// `device_ops`: the composed candle ops a GPU runs (`--device cuda`), on candle's CPU backend,
/// instead of the trainer's CPU ops.
fn check(name: &str, device_ops: bool) {
    let dev = Device::Cpu;
    let fx = reference(name);
    let mut model = TrainModel::load(family(name).join("model").to_str().unwrap(), &dev).unwrap();
    if device_ops {
        model.fused = false;
        model.cpu_ops = false;
    }
    let lora = LoraSet::load(&family(name).join("adapter"), &dev).unwrap();
    let none = LoraSet {
        pairs: Default::default(),
        ..LoraSet::load(&family(name).join("adapter"), &dev).unwrap()
    };

    // The trainer's forward gives transformers' logits, with and without the adapter.
    for case in fx["cases"].as_array().unwrap() {
        let ids: Vec<u32> = serde_json::from_value(case["ids"].clone()).unwrap();
        let t = ids.len();
        let input = Tensor::from_vec(ids, (1, t), &dev).unwrap();
        for (adapter, key) in [(&none, "logits"), (&lora, "adapter_logits")] {
            let got: Vec<f32> = model
                .forward(&input, adapter)
                .unwrap()
                .get(0)
                .unwrap()
                .get(t - 1)
                .unwrap()
                .to_vec1()
                .unwrap();
            let want: Vec<f32> = serde_json::from_value(case[key].clone()).unwrap();
            let d = got
                .iter()
                .zip(&want)
                .map(|(a, b)| (a - b).abs())
                .fold(0f32, f32::max);
            assert!(d < 1e-4, "{name} trainer {key}: max difference {d}");
        }
    }

    let tr = &fx["train"];
    let ids = rows(&tr["ids"], &dev).to_dtype(DType::U32).unwrap();
    let weights = rows(&tr["weights"], &dev);
    let loss = model.loss(&ids, &weights, &lora, None).unwrap();
    close(
        loss.to_scalar::<f32>().unwrap() as f64,
        tr["loss"].as_f64().unwrap(),
        &format!("{name} masked loss"),
    );
    let grads = loss.backward().unwrap();
    for (layer, want) in tr["grad_norms"].as_array().unwrap().iter().enumerate() {
        close(
            lora.grad_norm(&grads, layer).unwrap(),
            want.as_f64().unwrap(),
            &format!("{name} layer {layer} LoRA gradient norm"),
        );
    }

    let vars = lora.vars();
    let mut opt = AdamW::new(
        AdamWConfig {
            lr: 1e-3,
            beta1: 0.9,
            beta2: 0.999,
            eps: 1e-8,
            weight_decay: 0.001,
        },
        &vars,
    )
    .unwrap();
    for (k, want) in tr["losses"].as_array().unwrap().iter().enumerate() {
        let loss = model.loss(&ids, &weights, &lora, None).unwrap();
        close(
            loss.to_scalar::<f32>().unwrap() as f64,
            want.as_f64().unwrap(),
            &format!("{name} AdamW step {k} loss"),
        );
        let g = loss.backward().unwrap();
        let gs: Vec<Tensor> = vars
            .iter()
            .map(|v| g.get(v.as_tensor()).unwrap().clone())
            .collect();
        opt.step(&vars, &gs, 1e-3).unwrap();
    }
    let last = model.loss(&ids, &weights, &lora, None).unwrap();
    close(
        last.to_scalar::<f32>().unwrap() as f64,
        tr["loss_after_3_steps"].as_f64().unwrap(),
        &format!("{name} loss after 3 steps"),
    );
}

#[test]
fn codegen_lora_training_matches_peft() {
    check("codegen", false);
}

#[test]
fn starcoder2_lora_training_matches_peft() {
    check("starcoder2", false);
}

#[test]
fn codegen_and_starcoder2_training_on_the_device_ops_match_peft() {
    check("codegen", true);
    check("starcoder2", true);
}

#[test]
fn deepseek_v2_lora_training_matches_peft() {
    check("deepseek_v2", false);
    check("deepseek_v2", true);
}

#[test]
fn xglm_lora_training_matches_peft() {
    check("xglm", false);
    check("xglm", true);
}
