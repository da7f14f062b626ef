//! The Qwen2 family: Qwen2, Qwen2.5, Qwen2.5-Coder (the paper's newest base model).
//!
//! Llama's layout plus biases on the q/k/v projections; RoPE on halves (NeoX style), which
//! llama.cpp keeps unpermuted, so GGUF and safetensors rows agree.

use super::{gguf_config, hf_config, llama::vocab_size, Architecture, Config, Metadata};
use crate::error::Result;

pub struct Qwen2;

impl Architecture for Qwen2 {
    fn gguf_name(&self) -> &'static str {
        "qwen2"
    }

    fn hf_model_types(&self) -> &'static [&'static str] {
        &["qwen2"]
    }

    fn config_from_gguf(&self, md: &dyn Metadata) -> Result<Config> {
        let vocab = vocab_size(md)?;
        let tied = !md.has("output.weight");
        gguf_config(md, "qwen2", self.layout(), true, vocab, tied)
    }

    fn config_from_hf(&self, json: &serde_json::Value) -> Result<Config> {
        hf_config(json, "qwen2", self.layout(), true)
    }

    fn gguf_permutes_qk(&self) -> bool {
        false
    }
}
