//! Write an adapter trained by us (3 AdamW steps from the tiny fixture adapter on the fixture
//! batch) and our logits for that batch into DIR, for `scripts/reference/check_peft_export.py`
//! to load with PEFT and compare. With FAMILY (`codegen`, `starcoder2`, `deepseek_v2`, `xglm`), the tiny model of
//! that family from `crates/model/tests/fixtures/families/` and its PEFT adapter and batch.
//!
//! `cargo run --release -p hexacoder-train --example peft_export -- DIR [FAMILY]`

use candle_core::{DType, Device, Tensor};
use hexacoder_train::lora::LoraSet;
use hexacoder_train::model::TrainModel;
use hexacoder_train::optim::{AdamW, AdamWConfig};

fn main() {
    let out = std::path::PathBuf::from(std::env::args().nth(1).expect("DIR"));
    let family = std::env::args().nth(2);
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let (model_dir, adapter_dir, batch) = match &family {
        None => {
            let fx = root.join("tests/fixtures");
            (
                fx.join("tiny-llama"),
                fx.join("tiny-adapter"),
                fx.join("tiny-parity.json"),
            )
        }
        Some(f) => {
            let fx = root.join("../model/tests/fixtures/families").join(f);
            (
                fx.join("model"),
                fx.join("adapter"),
                fx.join("reference.json"),
            )
        }
    };
    let dev = Device::Cpu;
    let model = TrainModel::load(model_dir.to_str().unwrap(), &dev).unwrap();
    let lora = LoraSet::load(&adapter_dir, &dev).unwrap();
    let mut parity: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(batch).unwrap()).unwrap();
    if family.is_some() {
        parity = parity["train"].clone();
    }
    let ids: Vec<Vec<u32>> = serde_json::from_value(parity["ids"].clone()).unwrap();
    let w: Vec<Vec<f32>> = serde_json::from_value(parity["weights"].clone()).unwrap();
    let (b, t) = (ids.len(), ids[0].len());
    let ids_t = Tensor::from_vec(ids.concat(), (b, t), &dev).unwrap();
    let w_t = Tensor::from_vec(w.concat(), (b, t), &dev)
        .unwrap()
        .to_dtype(DType::F32)
        .unwrap();
    let vars = lora.vars();
    let mut opt = AdamW::new(
        AdamWConfig {
            lr: 1e-2,
            ..AdamWConfig::default()
        },
        &vars,
    )
    .unwrap();
    for _ in 0..3 {
        let g = model
            .loss(&ids_t, &w_t, &lora, None)
            .unwrap()
            .backward()
            .unwrap();
        let gs: Vec<Tensor> = vars
            .iter()
            .map(|v| g.get(v.as_tensor()).unwrap().clone())
            .collect();
        opt.step(&vars, &gs, 1e-2).unwrap();
    }
    lora.save(&out.join("adapter")).unwrap();
    let logits: Vec<Vec<Vec<f32>>> = model.forward(&ids_t, &lora).unwrap().to_vec3().unwrap();
    let base = model_dir.canonicalize().unwrap();
    let json = serde_json::json!({"ids": ids, "logits": logits, "base": base});
    std::fs::write(out.join("ours.json"), json.to_string()).unwrap();
    println!("wrote {}", out.display());
}
