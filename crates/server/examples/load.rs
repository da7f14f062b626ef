//! Load on an OpenAI-compatible `/v1/completions` endpoint: CLIENTS threads, each sending one
//! request after another (prompts taken in turn from PROMPT_DIR) for SECONDS seconds (at most
//! MAX_REQUESTS requests in all); requests in flight at the deadline finish and count. Prints
//! one JSON line: requests, errors, latency p50/p99, completion tokens, aggregate tokens/s.
//! Used by scripts/bench/serve_load.sh against `hexacoder serve` and llama-cpp-python's server.
//!
//!     cargo run --release -p hexacoder-server --example load -- \
//!         URL MODEL CLIENTS SECONDS MAX_TOKENS PROMPT_DIR [MAX_REQUESTS]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn prompts(dir: &std::path::Path, out: &mut Vec<String>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
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
    if a.len() < 7 {
        eprintln!("usage: load URL MODEL CLIENTS SECONDS MAX_TOKENS PROMPT_DIR [MAX_REQUESTS]");
        std::process::exit(2);
    }
    let url = format!("{}/v1/completions", a[1].trim_end_matches('/'));
    let model = a[2].clone();
    let clients: usize = a[3].parse().expect("CLIENTS");
    let seconds: f64 = a[4].parse().expect("SECONDS");
    let max_tokens: usize = a[5].parse().expect("MAX_TOKENS");
    let mut all = Vec::new();
    prompts(std::path::Path::new(&a[6]), &mut all);
    assert!(!all.is_empty(), "no .py/.c prompts under {}", a[6]);
    let max_requests: usize = a
        .get(7)
        .map_or(100_000, |v| v.parse().expect("MAX_REQUESTS"));

    let all = Arc::new(all);
    let next = Arc::new(AtomicUsize::new(0));
    let latencies = Arc::new(Mutex::new(Vec::new()));
    let tokens = Arc::new(AtomicUsize::new(0));
    let errors = Arc::new(Mutex::new(Vec::<String>::new()));
    let deadline = Instant::now() + Duration::from_secs_f64(seconds);
    let started = Instant::now();
    let threads: Vec<_> = (0..clients)
        .map(|_| {
            let (all, next, latencies, tokens, errors) = (
                all.clone(),
                next.clone(),
                latencies.clone(),
                tokens.clone(),
                errors.clone(),
            );
            let (url, model) = (url.clone(), model.clone());
            std::thread::spawn(move || {
                let client = reqwest::blocking::Client::builder()
                    .timeout(Duration::from_secs(600))
                    .build()
                    .unwrap();
                while Instant::now() < deadline {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= max_requests {
                        break;
                    }
                    let body = serde_json::json!({
                        "model": model,
                        "prompt": all[i % all.len()],
                        "max_tokens": max_tokens,
                        "temperature": 0.4,
                        "top_p": 0.95,
                        "seed": i,
                    });
                    let t = Instant::now();
                    let r = client.post(&url).json(&body).send();
                    let ms = t.elapsed().as_secs_f64() * 1e3;
                    match r {
                        Ok(r) if r.status().is_success() => {
                            let v: serde_json::Value = r.json().unwrap_or_default();
                            match v["usage"]["completion_tokens"].as_u64() {
                                Some(n) => {
                                    tokens.fetch_add(n as usize, Ordering::Relaxed);
                                    latencies.lock().unwrap().push(ms);
                                }
                                None => errors.lock().unwrap().push(format!("no usage: {v}")),
                            }
                        }
                        Ok(r) => errors.lock().unwrap().push(format!(
                            "{}: {}",
                            r.status(),
                            r.text().unwrap_or_default()
                        )),
                        Err(e) => errors.lock().unwrap().push(e.to_string()),
                    }
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let wall = started.elapsed().as_secs_f64();
    let mut l = latencies.lock().unwrap().clone();
    l.sort_by(f64::total_cmp);
    let pct = |p: f64| {
        if l.is_empty() {
            0.0
        } else {
            l[((l.len() - 1) as f64 * p).round() as usize]
        }
    };
    let errors = errors.lock().unwrap();
    let tokens = tokens.load(Ordering::Relaxed);
    println!(
        "{}",
        serde_json::json!({
            "clients": clients,
            "requests": l.len(),
            "errors": errors.len(),
            "first_error": errors.first(),
            "p50_ms": (pct(0.5) * 10.0).round() / 10.0,
            "p99_ms": (pct(0.99) * 10.0).round() / 10.0,
            "completion_tokens": tokens,
            "wall_s": (wall * 100.0).round() / 100.0,
            "tokens_per_s": (tokens as f64 / wall * 10.0).round() / 10.0,
        })
    );
}
