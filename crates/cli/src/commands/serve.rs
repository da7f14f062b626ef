//! `hexacoder serve`: the model behind an OpenAI-compatible API (see `hexacoder-server`).

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

use hexacoder_model::Model;
use hexacoder_server::Config;

use crate::Failure;

#[derive(clap::Args)]
pub struct Args {
    /// Model: an installed name, a .gguf file, a Hugging Face folder or a repo id in the HF cache.
    #[arg(long, default_value = "smollm2")]
    pub model: String,
    /// A PEFT LoRA adapter folder (repeatable), merged into the weights.
    #[arg(long)]
    pub adapter: Vec<PathBuf>,
    /// Multiply each adapter's change to the weights by this factor (1: as trained; 0: the
    /// base model; between: an interpolation in weight space, WiSE-FT).
    #[arg(long, default_value_t = 1.0, value_parser = crate::commands::adapter_weight)]
    pub adapter_weight: f32,
    /// Two-step generation (imports first) for every completion; a request's `"secure"` field
    /// overrides it either way.
    #[arg(long)]
    pub two_step: bool,
    /// Tokens of the import step of two-step generation.
    #[arg(long, default_value_t = 20)]
    pub import_tokens: usize,
    /// Address to bind; loopback unless you mean to expose the server.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: IpAddr,
    /// Port (0 = any free port; the log says which).
    #[arg(long, default_value_t = 8000)]
    pub port: u16,
    /// The id clients send as `model` (default: the --model value).
    #[arg(long)]
    pub served_model_name: Option<String>,
    /// Require `Authorization: Bearer <key>` with the key in this environment variable.
    #[arg(long)]
    pub api_key_env: Option<String>,
    /// Requests that may wait beyond the running batch; more get 503 with Retry-After.
    #[arg(long, default_value_t = 64)]
    pub queue: usize,
    /// Samples decoded together in one batch.
    #[arg(long, default_value_t = 32)]
    pub max_batch: usize,
    /// Largest `max_tokens` a request may ask for.
    #[arg(long, default_value_t = 2048)]
    pub max_tokens_cap: usize,
    /// Largest `n` a request may ask for.
    #[arg(long, default_value_t = 16)]
    pub n_cap: usize,
    /// Largest request body, in bytes.
    #[arg(long, default_value_t = 4 << 20)]
    pub body_limit: usize,
    /// Where the model runs: cpu, or cuda / cuda:N (an NVIDIA GPU, in builds with the `cuda`
    /// feature; the GPU computes in f32, the numbers of `--precision exact`).
    #[arg(long, default_value = "cpu")]
    pub device: String,
    /// Arithmetic: fast (8-bit activations) or exact (f32 activations).
    #[arg(long, value_enum, default_value_t = crate::commands::PrecisionArg::Fast)]
    pub precision: crate::commands::PrecisionArg,
    /// Model threads (0 = one per core).
    #[arg(short = 'j', long, default_value_t = 0, value_parser = crate::commands::thread_count())]
    pub threads: usize,
}

pub fn run(a: Args) -> Result<u8, Failure> {
    let _ = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("HEXACODER_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .try_init();
    let precision: hexacoder_model::weights::Precision = a.precision.into();
    let device = crate::commands::device(&a.device)?;
    let api_key = match &a.api_key_env {
        Some(var) => match std::env::var(var) {
            Ok(k) if !k.trim().is_empty() => Some(k.trim().to_string()),
            _ => {
                return Err(Failure(format!(
                    "--api-key-env {var}: the variable is not set or empty"
                )))
            }
        },
        None => None,
    };
    for (flag, v) in [
        ("--queue", a.queue),
        ("--max-batch", a.max_batch),
        ("--max-tokens-cap", a.max_tokens_cap),
        ("--n-cap", a.n_cap),
        ("--body-limit", a.body_limit),
        ("--import-tokens", a.import_tokens),
    ] {
        if v == 0 {
            return Err(Failure(format!("{flag} 0: must be at least 1")));
        }
    }
    hexacoder_model::set_threads(a.threads)?;
    let mut model = Model::load(&a.model)?;
    model.weights.precision = precision;
    for dir in &a.adapter {
        model.apply_adapter_weighted(dir, a.adapter_weight, true)?;
    }
    model.to_device(device)?;
    let config = Config {
        model_id: a.served_model_name.unwrap_or_else(|| a.model.clone()),
        two_step: a.two_step,
        import_tokens: a.import_tokens,
        queue: a.queue,
        max_batch: a.max_batch,
        max_tokens_cap: a.max_tokens_cap,
        n_cap: a.n_cap,
        body_limit: a.body_limit,
        api_key,
    };
    let addr = SocketAddr::new(a.host, a.port);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Failure(format!("cannot start the async runtime: {e}")))?;
    runtime
        .block_on(hexacoder_server::serve(model, config, addr))
        .map_err(|e| Failure(format!("serve on {addr}: {e}")))?;
    Ok(0)
}
