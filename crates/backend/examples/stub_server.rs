//! A stand-in OpenAI-compatible completions server for HTTP benchmarks, in Rust so that its
//! own HTTP handling is small and counted: answers `POST /v1/completions` after DELAY seconds
//! with n canned choices and reports at `GET /stats` the most requests held at once and the
//! total time requests spent inside the server (from the first byte read to the response
//! handed back), which a client subtracts from its latency to get its own overhead.
//! (`scripts/bench/openai_stub_server.py` is the same in Python; its HTTP parsing falls outside
//! what it times, so the overhead it lets a client compute includes Python's parser.)
//!
//!     cargo run --release -p hexacoder-backend --example stub_server -- PORT DELAY_SECONDS

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};

#[derive(Default)]
struct Stats {
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
    requests: AtomicUsize,
    handling_ns: AtomicU64,
}

struct App {
    delay: Duration,
    stats: Stats,
}

/// Times each request from when its head has been parsed to when the response is returned;
/// the body is read inside, so its parsing is counted.
async fn timed(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    let t = Instant::now();
    let s = &app.stats;
    let now = s.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    s.max_in_flight.fetch_max(now, Ordering::SeqCst);
    let response = next.run(request).await;
    s.in_flight.fetch_sub(1, Ordering::SeqCst);
    s.requests.fetch_add(1, Ordering::SeqCst);
    s.handling_ns
        .fetch_add(t.elapsed().as_nanos() as u64, Ordering::SeqCst);
    response
}

async fn complete(State(app): State<Arc<App>>, Json(req): Json<Value>) -> Json<Value> {
    tokio::time::sleep(app.delay).await;
    let n = req["n"].as_u64().unwrap_or(1);
    let choices: Vec<Value> = (0..n)
        .map(|i| json!({"index": i, "text": "    return x\n", "finish_reason": "stop"}))
        .collect();
    Json(json!({"object": "text_completion", "choices": choices,
        "usage": {"prompt_tokens": 4, "completion_tokens": 4 * n, "total_tokens": 4 + 4 * n}}))
}

async fn stats(State(app): State<Arc<App>>) -> Json<Value> {
    let s = &app.stats;
    Json(json!({
        "requests": s.requests.load(Ordering::SeqCst),
        "handling_s": s.handling_ns.load(Ordering::SeqCst) as f64 / 1e9,
        "max_in_flight": s.max_in_flight.load(Ordering::SeqCst),
    }))
}

fn main() {
    let a: Vec<String> = std::env::args().collect();
    let port: u16 = a.get(1).and_then(|p| p.parse().ok()).expect("PORT");
    let delay: f64 = a
        .get(2)
        .and_then(|d| d.parse().ok())
        .expect("DELAY_SECONDS");
    let app = Arc::new(App {
        delay: Duration::from_secs_f64(delay),
        stats: Stats::default(),
    });
    let router = Router::new()
        .route("/v1/completions", post(complete))
        .route_layer(middleware::from_fn_with_state(app.clone(), timed))
        .route("/stats", get(stats))
        .with_state(app);
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(async move {
            let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
                .await
                .expect("bind");
            axum::serve(listener, router).await.expect("serve");
        });
}
