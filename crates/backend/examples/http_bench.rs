//! Load on an OpenAI-compatible server through the `OpenAi` backend:
//! REQUESTS completions from CONCURRENCY threads; prints the client-side
//! mean latency, errors and wall time as JSON (the stub server reports its
//! own handling time, see scripts/bench/synth_http.sh).
//!
//!     cargo run --release --example http_bench -- URL CONCURRENCY REQUESTS

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use hexacoder_backend::openai::{Endpoint, OpenAi, Policy};
use hexacoder_backend::{Backend, GenerateOptions, Request, SamplingParams};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (url, concurrency, requests) = (
        args[1].clone(),
        args[2].parse::<usize>().expect("CONCURRENCY"),
        args[3].parse::<usize>().expect("REQUESTS"),
    );
    let backend = OpenAi::new(
        vec![Endpoint::parse(&format!("openai:{url}#bench")).expect("URL")],
        None,
        Policy::default(),
    )
    .expect("client");
    let request = Request {
        prompt: "def f(x):\n".into(),
        options: GenerateOptions {
            n: 1,
            max_new_tokens: 16,
            sampling: SamplingParams {
                temperature: 0.4,
                top_p: 0.95,
                top_k: 0,
                seed: 1,
            },
            stop: Vec::new(),
            truncate: None,
            two_step: None,
            language: None,
        },
    };
    let next = AtomicUsize::new(0);
    let errors = AtomicUsize::new(0);
    let latency_us = AtomicUsize::new(0);
    let started = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..concurrency {
            s.spawn(|| loop {
                if next.fetch_add(1, Ordering::Relaxed) >= requests {
                    break;
                }
                let t = Instant::now();
                if backend.complete(&request).is_err() {
                    errors.fetch_add(1, Ordering::Relaxed);
                }
                latency_us.fetch_add(t.elapsed().as_micros() as usize, Ordering::Relaxed);
            });
        }
    });
    let wall = started.elapsed().as_secs_f64();
    println!(
        "{{\"concurrency\": {concurrency}, \"requests\": {requests}, \"errors\": {}, \"wall_s\": {wall:.3}, \"mean_latency_ms\": {:.3}}}",
        errors.load(Ordering::Relaxed),
        latency_us.load(Ordering::Relaxed) as f64 / requests as f64 / 1000.0
    );
}
