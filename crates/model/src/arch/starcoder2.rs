//! The StarCoder2 family (`Starcoder2ForCausalLM`: StarCoder2-3B/7B/15B), the most used open
//! code family after Qwen.
//!
//! Llama's attention (grouped-query, rotary on halves, q/k/v/o names) with LayerNorm (weight
//! and bias) before attention and MLP, a `gelu_pytorch_tanh` MLP without a gate (`c_fc`,
//! `c_proj`), and biases on every linear layer (`use_bias`). Sliding-window attention equals
//! full attention while the context fits in the window, so the context is capped at the
//! window (as for Mistral).

use super::layout::{linear, LinearSpec, Role, K_PROJ, LLAMA, O_PROJ, Q_PROJ, V_PROJ};
use super::{
    hf_f32, hf_gelu, hf_rope_theta, hf_usize, no_gguf, Architecture, Block, Config, Layout,
    Metadata,
};
use crate::error::Result;

pub struct Starcoder2;

/// Llama's names for attention and norms, StarCoder2's for the MLP.
const LINEARS: &[LinearSpec] = &[
    Q_PROJ,
    K_PROJ,
    V_PROJ,
    O_PROJ,
    linear(Role::Up, "mlp.c_fc", "ffn_up"),
    linear(Role::Down, "mlp.c_proj", "ffn_down"),
];

/// StarCoder2's names, with every linear layer biased (`use_bias: true`, all released models).
pub const LAYOUT: Layout = Layout {
    linears: LINEARS,
    biased: &[Role::Q, Role::K, Role::V, Role::O, Role::Up, Role::Down],
    ..LLAMA
};

/// The same names without biases (`use_bias: false`).
pub const LAYOUT_NO_BIAS: Layout = Layout {
    linears: LINEARS,
    biased: &[],
    ..LLAMA
};

impl Architecture for Starcoder2 {
    fn gguf_name(&self) -> &'static str {
        "starcoder2"
    }

    fn hf_model_types(&self) -> &'static [&'static str] {
        &["starcoder2"]
    }

    fn config_from_gguf(&self, _md: &dyn Metadata) -> Result<Config> {
        Err(no_gguf("starcoder2"))
    }

    fn config_from_hf(&self, json: &serde_json::Value) -> Result<Config> {
        let activation = hf_gelu(json, "hidden_act", "gelu_pytorch_tanh")?;
        let use_bias = json
            .get("use_bias")
            .and_then(|v| v.as_bool())
            .unwrap_or(true);
        let hidden_size = hf_usize(json, "hidden_size")?;
        let num_heads = hf_usize(json, "num_attention_heads")?;
        let head_dim = hidden_size / num_heads.max(1);
        let mut max_position = hf_usize(json, "max_position_embeddings")?;
        if let Ok(window) = hf_usize(json, "sliding_window") {
            max_position = max_position.min(window.max(1));
        }
        let cfg = Config {
            arch: "starcoder2",
            vocab_size: hf_usize(json, "vocab_size")?,
            hidden_size,
            intermediate_size: hf_usize(json, "intermediate_size")?,
            num_layers: hf_usize(json, "num_hidden_layers")?,
            num_heads,
            num_kv_heads: hf_usize(json, "num_key_value_heads").unwrap_or(num_heads),
            head_dim,
            rotary_dim: head_dim,
            rope_theta: hf_rope_theta(json),
            rms_eps: hf_f32(json, "norm_epsilon", 1e-5),
            max_position,
            tie_embeddings: json
                .get("tie_word_embeddings")
                .and_then(|v| v.as_bool())
                .unwrap_or(true),
            embed_scale: 1.0,
            qkv_bias: false,
            layout: if use_bias { &LAYOUT } else { &LAYOUT_NO_BIAS },
            block: Block {
                residual: super::Residual::Sequential,
                activation,
                ..Block::GPTJ
            },
            mla: None,
            moe: None,
            rope_scaling: None,
        };
        cfg.validate()?;
        Ok(cfg)
    }

    fn gguf_permutes_qk(&self) -> bool {
        false
    }

    fn layout(&self) -> &'static Layout {
        &LAYOUT
    }
}
