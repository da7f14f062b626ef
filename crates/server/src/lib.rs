//! `hexacoder serve`: the hardened model behind the OpenAI API every editor, agent and CI bot
//! already speaks (`/v1/completions`, `/v1/chat/completions`, `/v1/models`, streaming by
//! server-sent events), the oracle at `/v1/scan`, and `/health`.
//!
//! Requests are queued (bounded: a full queue answers 503 with `Retry-After`) and decoded
//! together by one continuous-batching engine on the model's thread ([`worker`]). Every
//! limit (body size, `max_tokens`, `n`, context window) is a 4xx in OpenAI's error shape.

pub mod error;
pub mod generate;
pub mod request;
pub mod worker;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use hexacoder_model::Model;
use serde_json::json;

pub use error::ApiError;

/// Server settings (the `serve` command's flags).
#[derive(Debug, Clone)]
pub struct Config {
    /// The model id clients name in `model`.
    pub model_id: String,
    /// Two-step generation for every completion (a request's `secure` overrides it).
    pub two_step: bool,
    /// Tokens of the import step of two-step generation (the paper: 20).
    pub import_tokens: usize,
    /// Jobs that may wait beyond the running batch.
    pub queue: usize,
    /// Samples decoded together.
    pub max_batch: usize,
    pub max_tokens_cap: usize,
    pub n_cap: usize,
    pub body_limit: usize,
    /// The key clients must send as `Authorization: Bearer …`.
    pub api_key: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            model_id: "smollm2".into(),
            two_step: false,
            import_tokens: 20,
            queue: 64,
            max_batch: 32,
            max_tokens_cap: 2048,
            n_cap: 16,
            body_limit: 4 << 20,
            api_key: None,
        }
    }
}

pub struct AppState {
    pub config: Config,
    pub model: Arc<Model>,
    pub queue: worker::Queue,
    pub started: Instant,
}

pub type Shared = Arc<AppState>;

/// The application and the model's thread. Dropping the router (and every clone of the
/// state) lets the thread finish its last jobs and end.
pub fn app(model: Model, config: Config) -> (Router, std::thread::JoinHandle<()>) {
    let model = Arc::new(model);
    let (queue, handle) = worker::spawn(model.clone(), config.queue, config.max_batch);
    let state = Arc::new(AppState {
        config,
        model,
        queue,
        started: Instant::now(),
    });
    (router(state), handle)
}

pub fn router(state: Shared) -> Router {
    let limit = state.config.body_limit;
    let api = Router::new()
        .route("/v1/models", get(models))
        .route("/v1/models/{id}", get(model_by_id))
        .route("/v1/completions", post(generate::completions))
        .route("/v1/chat/completions", post(generate::chat))
        .route("/v1/scan", post(scan))
        .route_layer(middleware::from_fn_with_state(state.clone(), authorize));
    Router::new()
        .route("/health", get(health))
        .merge(api)
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(limit))
        .layer(middleware::from_fn(log_request))
        .with_state(state)
}

/// Serve on `addr` until SIGTERM or Ctrl-C; requests in flight then finish before it returns.
pub async fn serve(model: Model, config: Config, addr: SocketAddr) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let local = listener.local_addr()?;
    let (app, worker) = app(model, config);
    tracing::info!("listening on http://{local}");
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    tracing::info!("stopped accepting requests; the last jobs have finished");
    let _ = tokio::task::spawn_blocking(move || worker.join()).await;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}

async fn authorize(State(state): State<Shared>, request: Request, next: Next) -> Response {
    if let Some(key) = &state.config.api_key {
        let sent = request
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        if sent.map(str::trim) != Some(key.as_str()) {
            return ApiError::unauthorized().into_response();
        }
    }
    next.run(request).await
}

/// One log line per request: method, path, status, latency.
async fn log_request(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let response = next.run(request).await;
    tracing::info!(
        %method,
        path,
        status = response.status().as_u16(),
        ms = (started.elapsed().as_secs_f64() * 1e4).round() / 10.0,
        "request"
    );
    response
}

async fn health(State(state): State<Shared>) -> Json<serde_json::Value> {
    use std::sync::atomic::Ordering::Relaxed;
    let load = &state.queue.load;
    Json(json!({
        "status": "ok",
        "model": state.config.model_id,
        "uptime_s": state.started.elapsed().as_secs(),
        "queued": load.queued.load(Relaxed),
        "running_requests": load.running_jobs.load(Relaxed),
        "running_samples": load.running_rows.load(Relaxed),
        "tokens_generated": load.tokens_generated.load(Relaxed),
    }))
}

fn model_card(state: &AppState) -> serde_json::Value {
    json!({
        "id": state.config.model_id,
        "object": "model",
        "created": 0,
        "owned_by": "hexacoder",
        "context_length": state.model.config.max_position,
    })
}

async fn models(State(state): State<Shared>) -> Json<serde_json::Value> {
    Json(json!({"object": "list", "data": [model_card(&state)]}))
}

async fn model_by_id(
    State(state): State<Shared>,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> Result<Json<serde_json::Value>, ApiError> {
    check_model(&state, &id)?;
    Ok(Json(model_card(&state)))
}

/// The model a request names must be the one served.
pub fn check_model(state: &AppState, id: &str) -> Result<(), ApiError> {
    if id == state.config.model_id {
        Ok(())
    } else {
        Err(ApiError::not_found(format!(
            "The model `{id}` does not exist; this server serves `{}`",
            state.config.model_id
        ))
        .with_code("model_not_found"))
    }
}

/// The oracle over a snippet: the `scan --format json` document of one file.
async fn scan(
    body: Result<axum::body::Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Response, ApiError> {
    let body = generate::body_bytes(body)?;
    let req: request::ScanRequest = request::parse(&body)?;
    let Some(language) = hexacoder_oracle::Language::from_name(&req.language) else {
        return Err(ApiError::invalid(
            "language",
            format!("`language`: `{}` is not `python` or `c`", req.language),
        ));
    };
    let mut cwes = Vec::new();
    for (i, c) in req.cwe.unwrap_or_default().iter().enumerate() {
        match hexacoder_oracle::Cwe::parse(c) {
            Some(c) => cwes.push(c),
            None => {
                return Err(ApiError::invalid(
                    format!("cwe[{i}]"),
                    format!("`cwe[{i}]`: `{c}` is not a CWE id like CWE-078"),
                ))
            }
        }
    }
    let filter = hexacoder_oracle::RuleFilter {
        cwes,
        ..Default::default()
    };
    if let Some(c) = filter.unknown_cwes().first() {
        return Err(ApiError::invalid(
            "cwe",
            format!("`cwe`: no rule reports {c}, so the filter would hide every finding"),
        ));
    }
    let report = tokio::task::spawn_blocking(move || {
        let file =
            hexacoder_oracle::SourceFile::new(format!("<{}>", language.name()), language, req.code);
        hexacoder_oracle::analyse(&file, &filter)
    })
    .await
    .map_err(|e| ApiError::internal(format!("the oracle failed: {e}")))?;
    let doc = hexacoder_oracle::output::json::render(&[report], "builtin");
    Ok((
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json")],
        doc,
    )
        .into_response())
}

async fn not_found(request: Request) -> ApiError {
    ApiError::not_found(format!(
        "No route {} {}; see /v1/models, /v1/completions, /v1/chat/completions, /v1/scan, /health",
        request.method(),
        request.uri().path()
    ))
}

async fn method_not_allowed(request: Request) -> ApiError {
    ApiError::invalid(
        "",
        format!(
            "{} is not allowed on {}",
            request.method(),
            request.uri().path()
        ),
    )
    .with_status(StatusCode::METHOD_NOT_ALLOWED)
}
