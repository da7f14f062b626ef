//! The Mistral family (Mistral 7B, Codestral-style dense models): Llama's block and names,
//! with sliding-window attention. llama.cpp converts these checkpoints as `llama`, so this
//! file serves Hugging Face folders (`model_type: mistral`).
//!
//! Sliding-window attention equals full attention while the context fits in the window, so
//! the context is capped at the window instead of masking beyond it.

use super::{hf_config, hf_usize, Architecture, Config, Metadata};
use crate::error::Result;

pub struct Mistral;

impl Architecture for Mistral {
    fn gguf_name(&self) -> &'static str {
        // Never matched first: GGUF files of this family say `llama` and load as Llama.
        "llama"
    }

    fn hf_model_types(&self) -> &'static [&'static str] {
        &["mistral"]
    }

    fn config_from_gguf(&self, md: &dyn Metadata) -> Result<Config> {
        super::llama::Llama.config_from_gguf(md)
    }

    fn config_from_hf(&self, json: &serde_json::Value) -> Result<Config> {
        let mut cfg = hf_config(json, "mistral", self.layout(), false)?;
        if let Ok(window) = hf_usize(json, "sliding_window") {
            cfg.max_position = cfg.max_position.min(window.max(1));
        }
        Ok(cfg)
    }

    fn gguf_permutes_qk(&self) -> bool {
        true
    }
}
