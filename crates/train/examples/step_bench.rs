//! Time of one optimisation step (forward + backward + AdamW) of batch `B × T` with LoRA
//! r=16 on q/k/v, on a model spec (used by `scripts/bench/train.sh`). Prints one JSON line.
//!
//! `cargo run --release -p hexacoder-train --example step_bench -- [MODEL] [B] [T] [STEPS] [f32|bf16] [checkpoint]`

use std::time::Instant;

use candle_core::{Device, Tensor};
use hexacoder_model::peft::AdapterConfig;
use hexacoder_train::lora::LoraSet;
use hexacoder_train::model::{BasePrecision, TrainModel};
use hexacoder_train::optim::{AdamW, AdamWConfig};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let spec = args.get(1).map_or("smollm2", |s| s.as_str());
    let b: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(4);
    let t: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(256);
    let steps: usize = args.get(4).and_then(|s| s.parse().ok()).unwrap_or(3);
    let base = match args.get(5).map(|s| s.as_str()) {
        None | Some("f32") => BasePrecision::F32,
        Some("bf16") => BasePrecision::Bf16,
        Some(other) => panic!("precision {other}: f32 or bf16"),
    };
    let dev = Device::Cpu;
    let mut model = TrainModel::load_with(spec, &dev, base).unwrap();
    model.checkpoint = args.get(6).is_some_and(|s| s == "checkpoint");
    let label = if model.checkpoint {
        format!("{base}-checkpoint")
    } else {
        base.to_string()
    };
    let cfg = AdapterConfig {
        base_model_name_or_path: Some(spec.into()),
        r: 16,
        lora_alpha: 16.0,
        lora_dropout: 0.0,
        target_modules: model
            .config
            .layout
            .default_targets
            .iter()
            .map(|t| t.to_string())
            .collect(),
        peft_type: "LORA".into(),
        task_type: Some("CAUSAL_LM".into()),
        use_rslora: false,
        fan_in_fan_out: false,
        bias: "none".into(),
    };
    let lora = LoraSet::init(cfg, &model.config, 42, &dev).unwrap();
    let vocab = model.config.vocab_size as u32;
    let ids: Vec<u32> = (0..b * t)
        .map(|i| (i as u32 * 2_654_435_761) % vocab)
        .collect();
    let weights: Vec<f32> = (0..b * t)
        .map(|i| if i % 3 == 0 { 1.0 } else { 0.0 })
        .collect();
    let ids = Tensor::from_vec(ids, (b, t), &dev).unwrap();
    let w = Tensor::from_vec(weights, (b, t), &dev).unwrap();
    let vars = lora.vars();
    let mut opt = AdamW::new(AdamWConfig::default(), &vars).unwrap();
    let mut times = Vec::new();
    let mut losses = Vec::new();
    for _ in 0..steps {
        let t0 = Instant::now();
        let loss = model.loss(&ids, &w, &lora, None).unwrap();
        let grads = loss.backward().unwrap();
        let gs: Vec<Tensor> = vars
            .iter()
            .map(|v| grads.get(v.as_tensor()).unwrap().clone())
            .collect();
        opt.step(&vars, &gs, 5e-4).unwrap();
        losses.push(loss.to_scalar::<f32>().unwrap());
        times.push(t0.elapsed().as_secs_f64());
    }
    let steady = times[1..].iter().sum::<f64>() / (times.len() - 1).max(1) as f64;
    println!(
        "{{\"engine\": \"hexacoder-{label}\", \"batch\": [{b}, {t}], \"first_step_s\": {:.2}, \"steady_step_s\": {steady:.2}, \"loss0\": {:.5}}}",
        times[0], losses[0]
    );
}
