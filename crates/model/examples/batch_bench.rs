//! Continuous batching on distinct prompts, without HTTP: JOBS jobs (benchmark prompts taken
//! in turn from PROMPT_DIR, one sample each, MAX_NEW tokens) run through one engine with at
//! most ROWS samples at once, new jobs joining as others finish: the server's workload.
//! Prints prefill and decode time and tokens/s as JSON.
//!
//!     cargo run --release -p hexacoder-model --example batch_bench -- smollm2 2 PROMPT_DIR 16 48 200

use std::time::Instant;

use hexacoder_model::batch::{Engine, Event};
use hexacoder_model::{GenerateOptions, Model, SamplingParams};

fn prompts(dir: &std::path::Path, out: &mut Vec<String>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            prompts(&p, out);
        } else if p.extension().is_some_and(|e| e == "py" || e == "c") {
            out.push(std::fs::read_to_string(&p).unwrap());
        }
    }
}

fn main() {
    let a: Vec<String> = std::env::args().collect();
    let model = Model::load(&a[1]).unwrap();
    hexacoder_model::set_threads(a[2].parse().unwrap()).unwrap();
    let mut all = Vec::new();
    prompts(std::path::Path::new(&a[3]), &mut all);
    let rows: usize = a[4].parse().unwrap();
    let jobs: usize = a[5].parse().unwrap();
    let max_new: usize = a[6].parse().unwrap();
    let opts = |i: usize| GenerateOptions {
        n: 1,
        max_new_tokens: max_new,
        sampling: SamplingParams {
            seed: i as u64,
            ..SamplingParams::default()
        },
        ..GenerateOptions::default()
    };
    let mut engine = Engine::new(&model);
    let (mut admitted, mut done, mut tokens) = (0, 0, 0usize);
    let (mut prefill_s, mut decode_s, mut steps) = (0.0, 0.0, 0usize);
    let mut prompt_tokens = 0;
    let started = Instant::now();
    while done < jobs {
        while admitted < jobs && engine.rows() < rows {
            let t = Instant::now();
            engine
                .admit(admitted as u64, &all[admitted % all.len()], opts(admitted))
                .unwrap();
            prefill_s += t.elapsed().as_secs_f64();
            prompt_tokens += model
                .tokenizer
                .encode(&all[admitted % all.len()])
                .unwrap()
                .len();
            admitted += 1;
        }
        let t = Instant::now();
        engine.step(&mut |e| {
            if let Event::Done { generation, .. } = e {
                done += 1;
                tokens += generation.completions[0].tokens;
            }
            true
        });
        decode_s += t.elapsed().as_secs_f64();
        steps += 1;
    }
    let wall = started.elapsed().as_secs_f64();
    println!(
        "{}",
        serde_json::json!({
            "rows": rows, "jobs": jobs, "steps": steps,
            "prompt_tokens": prompt_tokens, "prefill_s": (prefill_s * 100.0).round() / 100.0,
            "prefill_tps": (prompt_tokens as f64 / prefill_s).round(),
            "completion_tokens": tokens, "decode_s": (decode_s * 100.0).round() / 100.0,
            "decode_tps": (tokens as f64 / decode_s).round(),
            "tokens_per_s": (tokens as f64 / wall).round(),
        })
    );
}
