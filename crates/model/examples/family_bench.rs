//! Decode and prefill speed of each family's block on the CPU forward, against a Llama of the
//! same parameter count, in one run (used by `scripts/bench/families.sh`): random weights, a
//! CodeGen-350M-like shape (width 1024, 16 heads of 64, rotary on 32, 4× MLP) and a Llama
//! with the same width, heads and layers whose SwiGLU MLP has the same parameters (3·ff = 8·h).
//! The target: no family falls off the fast path (decode within 1.3× of Llama's).
//!
//! `cargo run --release -p hexacoder-model --example family_bench -- [THREADS] [LAYERS] [ROUNDS]`

#[path = "../tests/common/mod.rs"]
mod common;

use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

use common::{byte_tokenizer, random, write_safetensors};
use hexacoder_model::forward::{forward, KvCache};
use hexacoder_model::sampling::argmax;
use hexacoder_model::Model;

const H: usize = 1024;
const HEADS: usize = 16;
const VOCAB: usize = 32_768;

type Tensors = HashMap<String, (Vec<usize>, Vec<f32>)>;

fn add(t: &mut Tensors, name: String, shape: Vec<usize>, seed: &mut u64) {
    *seed += 1;
    let n = shape.iter().product();
    let scale = if shape.len() == 1 { 0.1 } else { 0.05 };
    let v = random(n, *seed, scale)
        .into_iter()
        .map(|x| if shape.len() == 1 { 1.0 + x } else { x })
        .collect();
    t.insert(name, (shape, v));
}

fn write(dir: &Path, config: serde_json::Value, tensors: &Tensors) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("config.json"), config.to_string()).unwrap();
    write_safetensors(&dir.join("model.safetensors"), tensors, None);
    byte_tokenizer(VOCAB)
        .save(dir.join("tokenizer.json"), false)
        .unwrap();
}

fn codegen(dir: &Path, layers: usize) {
    let mut t = Tensors::new();
    let s = &mut 0;
    add(&mut t, "transformer.wte.weight".into(), vec![VOCAB, H], s);
    add(&mut t, "lm_head.weight".into(), vec![VOCAB, H], s);
    add(&mut t, "lm_head.bias".into(), vec![VOCAB], s);
    for kind in ["weight", "bias"] {
        add(&mut t, format!("transformer.ln_f.{kind}"), vec![H], s);
    }
    for i in 0..layers {
        let p = format!("transformer.h.{i}");
        for kind in ["weight", "bias"] {
            add(&mut t, format!("{p}.ln_1.{kind}"), vec![H], s);
        }
        add(
            &mut t,
            format!("{p}.attn.qkv_proj.weight"),
            vec![3 * H, H],
            s,
        );
        add(&mut t, format!("{p}.attn.out_proj.weight"), vec![H, H], s);
        add(&mut t, format!("{p}.mlp.fc_in.weight"), vec![4 * H, H], s);
        add(&mut t, format!("{p}.mlp.fc_in.bias"), vec![4 * H], s);
        add(&mut t, format!("{p}.mlp.fc_out.weight"), vec![H, 4 * H], s);
        add(&mut t, format!("{p}.mlp.fc_out.bias"), vec![H], s);
    }
    let config = serde_json::json!({
        "model_type": "codegen", "vocab_size": VOCAB, "n_embd": H, "n_head": HEADS,
        "n_layer": layers, "rotary_dim": 32, "n_inner": 4 * H, "n_positions": 2048,
        "activation_function": "gelu_new", "layer_norm_epsilon": 1e-5,
    });
    write(dir, config, &t);
}

fn llama(dir: &Path, layers: usize) {
    // SwiGLU's three matrices hold CodeGen's two 4× ones: ff = 8h/3, rounded to 32.
    let ff = (8 * H / 3).div_ceil(32) * 32;
    let mut t = Tensors::new();
    let s = &mut 0;
    add(
        &mut t,
        "model.embed_tokens.weight".into(),
        vec![VOCAB, H],
        s,
    );
    add(&mut t, "lm_head.weight".into(), vec![VOCAB, H], s);
    add(&mut t, "model.norm.weight".into(), vec![H], s);
    for i in 0..layers {
        let p = format!("model.layers.{i}");
        add(&mut t, format!("{p}.input_layernorm.weight"), vec![H], s);
        add(
            &mut t,
            format!("{p}.post_attention_layernorm.weight"),
            vec![H],
            s,
        );
        for m in ["q_proj", "k_proj", "v_proj", "o_proj"] {
            add(&mut t, format!("{p}.self_attn.{m}.weight"), vec![H, H], s);
        }
        add(&mut t, format!("{p}.mlp.gate_proj.weight"), vec![ff, H], s);
        add(&mut t, format!("{p}.mlp.up_proj.weight"), vec![ff, H], s);
        add(&mut t, format!("{p}.mlp.down_proj.weight"), vec![H, ff], s);
    }
    let config = serde_json::json!({
        "model_type": "llama", "vocab_size": VOCAB, "hidden_size": H,
        "num_attention_heads": HEADS, "num_key_value_heads": HEADS, "num_hidden_layers": layers,
        "intermediate_size": ff, "max_position_embeddings": 2048, "rms_norm_eps": 1e-5,
    });
    write(dir, config, &t);
}

/// `(decode tokens/s, prefill tokens/s)`: 64 greedy tokens after 8, and a 256-token prompt.
fn speed(model: &Model) -> (f64, f64) {
    let cfg = &model.config;
    let prompt: Vec<u32> = (0..8).map(|i| 100 + i).collect();
    let mut cache = [KvCache::new(cfg)];
    let mut last = forward(cfg, &model.weights, &prompt, None, &mut cache, prompt.len());
    let t = Instant::now();
    for _ in 0..64 {
        let tok = argmax(&last);
        last = forward(cfg, &model.weights, &[tok], None, &mut cache, 1);
    }
    let decode = 64.0 / t.elapsed().as_secs_f64();
    let long: Vec<u32> = (0..256).map(|i| (i * 37 % 30_000) as u32).collect();
    let t = Instant::now();
    let _ = model.logits(&long).unwrap();
    let prefill = 256.0 / t.elapsed().as_secs_f64();
    (decode, prefill)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let threads: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(2);
    let layers: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(8);
    let rounds: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(5);
    hexacoder_model::set_threads(threads).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut models = Vec::new();
    for (name, make) in [
        ("llama", llama as fn(&Path, usize)),
        ("codegen", codegen as fn(&Path, usize)),
    ] {
        let path = dir.path().join(name);
        make(&path, layers);
        let model = Model::load(path.to_str().unwrap()).unwrap();
        let _ = speed(&model); // warm-up
        models.push((name, model));
    }
    // The families alternate round by round, so a change in the machine's load touches both;
    // each speed is the median of its rounds.
    let mut runs: Vec<(Vec<f64>, Vec<f64>)> = vec![(Vec::new(), Vec::new()); models.len()];
    for _ in 0..rounds {
        for (run, (_, model)) in runs.iter_mut().zip(&models) {
            let (decode, prefill) = speed(model);
            run.0.push(decode);
            run.1.push(prefill);
        }
    }
    let mut results = Vec::new();
    for ((name, model), (decode, prefill)) in models.iter().zip(runs) {
        let (decode, prefill) = (median(decode), median(prefill));
        let bytes = model.weights.size_in_bytes();
        println!(
            "{{\"family\": \"{name}\", \"threads\": {threads}, \"layers\": {layers}, \"rounds\": {rounds}, \"weight_bytes\": {bytes}, \"decode_tps\": {decode:.1}, \"prefill_tps\": {prefill:.1}}}"
        );
        results.push((bytes, decode, prefill));
    }
    let (base, other) = (&results[0], &results[1]);
    println!(
        "codegen vs llama: weights {:.3}x, decode {:.2}x, prefill {:.2}x (target: decode within 1.3x, i.e. >= 0.77x)",
        other.0 as f64 / base.0 as f64,
        other.1 / base.1,
        other.2 / base.2
    );
}
