//! The Llama family: Llama 2/3, CodeLlama, SmolLM/SmolLM2 (the embedded default model).
//!
//! No biases; llama.cpp's converter permutes the q/k rows of Llama checkpoints for its
//! interleaved RoPE, which the loader undoes.

use super::{gguf_config, hf_config, Architecture, Config, Metadata};
use crate::error::Result;

pub struct Llama;

impl Architecture for Llama {
    fn gguf_name(&self) -> &'static str {
        "llama"
    }

    fn hf_model_types(&self) -> &'static [&'static str] {
        &["llama", "smollm", "smollm2"]
    }

    fn config_from_gguf(&self, md: &dyn Metadata) -> Result<Config> {
        let vocab = vocab_size(md)?;
        let tied = !md.has("output.weight");
        gguf_config(md, "llama", self.layout(), false, vocab, tied)
    }

    fn config_from_hf(&self, json: &serde_json::Value) -> Result<Config> {
        hf_config(json, "llama", self.layout(), false)
    }

    fn gguf_permutes_qk(&self) -> bool {
        true
    }
}

/// `<arch>.vocab_size` is optional in GGUF; the token list always gives it.
pub(crate) fn vocab_size(md: &dyn Metadata) -> Result<usize> {
    md.get_u64("tokenizer.ggml.tokens.len")
        .map(|v| v as usize)
        .ok_or_else(|| {
            crate::error::ModelError::invalid(
                "tokenizer.ggml.tokens",
                "missing from the GGUF metadata",
            )
        })
}
