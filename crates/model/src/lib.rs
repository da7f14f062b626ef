//! The model runtime of hexacoder: load a code model (GGUF or a Hugging Face folder), tokenize,
//! and generate completions fast on a CPU, one-step or two-step (imports first), with PEFT LoRA
//! adapters unmerged or merged.

pub mod arch;
pub mod error;
pub mod forward;
pub mod generate;
pub mod gguf;
pub mod hf;
pub mod model;
pub mod peft;
pub mod quant;
pub mod sampling;
pub mod store;
pub mod tokenizer;
pub mod weights;

pub use error::{ModelError, Result};
pub use generate::{Completion, FinishReason, GenerateOptions, Generation, Language};
pub use model::Model;
pub use sampling::SamplingParams;

/// Use `n` threads for the kernels (0 = one per core). Call once, before the first model call.
pub fn set_threads(n: usize) -> Result<()> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .build_global()
        .map_err(|e| ModelError::invalid("threads", e))
}
