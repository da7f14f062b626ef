//! Speed of the runtime on one model (used by `scripts/bench/model.sh`), one JSON line:
//! prefill tokens/s on a ~400-token prompt, greedy decode tokens/s (128 tokens after a short
//! prompt), and batched sampling tokens/s (n samples × 128 tokens from one prompt).
//!
//! `cargo run --release -p hexacoder-model --example bench -- [MODEL] [THREADS] [N]`

use std::time::Instant;

use hexacoder_model::forward::{forward, KvCache};
use hexacoder_model::sampling::argmax;
use hexacoder_model::{GenerateOptions, Model, SamplingParams};

/// ~400 tokens of ordinary code, the prefill workload.
const LONG: &str = include_str!("../../../data/benchmarks/pearce/python/CWE-502/CWE-502_0.py");

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let spec = args.get(1).map_or("smollm2", |s| s.as_str());
    let threads: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(2);
    let n: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(15);
    hexacoder_model::set_threads(threads).unwrap();
    let model = Model::load(spec).unwrap();
    let cfg = &model.config;

    let only = std::env::var("BENCH_ONLY").unwrap_or_default();
    // Prefill: a ~400-token prompt (the benchmark prompt repeated to length).
    let mut text = String::new();
    while model.tokenizer.encode(&text).unwrap().len() < 400 {
        text.push_str(LONG);
    }
    let mut ids = model.tokenizer.encode(&text).unwrap();
    ids.truncate(400);
    let _ = model.logits(&ids[..32]).unwrap(); // warm-up
    let runs = if only.is_empty() || only == "prefill" {
        3
    } else {
        0
    };
    let t = Instant::now();
    for _ in 0..runs {
        let _ = model.logits(&ids).unwrap();
    }
    let prefill = (runs * ids.len()) as f64 / t.elapsed().as_secs_f64().max(1e-9);

    // Decode: greedy, 128 tokens after an 8-token prompt.
    let prompt = model.tokenizer.encode("def fibonacci(n):\n    if").unwrap();
    let mut cache = [KvCache::new(cfg)];
    let mut last = forward(cfg, &model.weights, &prompt, None, &mut cache, prompt.len());
    let steps = if only.is_empty() || only == "decode" {
        128
    } else {
        1
    };
    let t = Instant::now();
    for _ in 0..steps {
        let tok = argmax(&last);
        last = forward(cfg, &model.weights, &[tok], None, &mut cache, 1);
    }
    let decode = steps as f64 / t.elapsed().as_secs_f64();

    // Batched sampling: n samples × 128 tokens, no stop rules.
    let opts = GenerateOptions {
        n,
        max_new_tokens: 128,
        sampling: SamplingParams {
            temperature: 0.4,
            top_p: 0.95,
            top_k: 0,
            seed: 1,
        },
        ..GenerateOptions::default()
    };
    let t = Instant::now();
    let gen = model
        .generate("def fibonacci(n):\n    if", &opts, &mut |_, _| true)
        .unwrap();
    let produced: usize = gen.completions.iter().map(|c| c.tokens).sum();
    let batched = produced as f64 / t.elapsed().as_secs_f64();
    println!(
        "{{\"engine\": \"hexacoder\", \"kernels\": \"{}\", \"threads\": {threads}, \"prefill_tokens\": {}, \"prefill_tps\": {prefill:.1}, \"decode_tps\": {decode:.1}, \"batched_n\": {n}, \"batched_tokens\": {produced}, \"batched_tps\": {batched:.1}}}",
        hexacoder_model::quant::kernels::isa().name(),
        ids.len()
    );
}
