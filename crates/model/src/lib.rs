//! The model runtime of hexacoder: load a code model (GGUF or a Hugging Face folder), tokenize,
//! and generate completions fast on a CPU, one-step or two-step (imports first), with PEFT LoRA
//! adapters unmerged or merged.

pub mod arch;
pub mod batch;
pub mod candle_forward;
pub mod chat;
pub mod device;
pub mod error;
pub mod forward;
pub mod generate;
pub mod gguf;
pub mod hf;
mod latent;
pub mod model;
pub mod peft;
pub mod quant;
pub mod sampling;
pub mod store;
pub mod style;
pub mod tokenizer;
pub mod weights;

pub use device::Device;
pub use error::{ModelError, Result};
pub use generate::{Completion, FinishReason, GenerateOptions, Generation, Language};
pub use model::Model;
pub use sampling::SamplingParams;

/// Use `n` threads for the kernels (0 = one per core). Call before the first
/// model call; a later call asking for the size the pool already has is a
/// no-op (one process may run several stages), another size is an error.
pub fn set_threads(n: usize) -> Result<()> {
    let want = if n == 0 {
        std::thread::available_parallelism().map_or(1, |p| p.get())
    } else {
        n
    };
    if let Some(pool) = POOL.get() {
        return if pool.current_num_threads() == want {
            Ok(())
        } else {
            Err(ModelError::invalid(
                "threads",
                format!(
                    "the thread pool already runs {} threads",
                    pool.current_num_threads()
                ),
            ))
        };
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(want)
        .thread_name(|i| format!("hexacoder-{i}"))
        .build()
        .map_err(|e| ModelError::invalid("threads", e))?;
    POOL.set(pool)
        .map_err(|_| ModelError::invalid("threads", "the thread pool is already running"))
}

static POOL: std::sync::OnceLock<rayon::ThreadPool> = std::sync::OnceLock::new();

/// The runtime's thread pool. A forward pass runs entirely inside it, so the calling thread
/// hands over once per pass instead of once per parallel loop (hundreds per token).
pub(crate) fn pool() -> &'static rayon::ThreadPool {
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .thread_name(|i| format!("hexacoder-{i}"))
            .build()
            .expect("a thread pool with default settings")
    })
}
