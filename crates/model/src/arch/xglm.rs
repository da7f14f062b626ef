//! The XGLM family (`XGLMForCausalLM`), which InCoder-1B/6B use: fairseq's decoder.
//!
//! Pre-LayerNorm blocks with sequential residuals (`self_attn_layer_norm` before attention,
//! `final_layer_norm` before the MLP), multi-head attention with biases on q/k/v and
//! `out_proj`, an exact-GELU MLP (`fc1`, `fc2`, biased), a last `model.layer_norm`, and the
//! output tied to the token embedding. No rotary: sinusoidal positions (offset 2) are added
//! to the embeddings, which are first scaled by `sqrt(d_model)` when `scale_embedding`.

use super::layout::{linear, LinearSpec, Name, Role, K_PROJ, LLAMA, Q_PROJ, V_PROJ};
use super::{
    hf_f32, hf_gelu, hf_usize, no_gguf, Architecture, Block, Config, Layout, Metadata, Norm,
    Positions, Residual,
};
use crate::error::{ModelError, Result};

pub struct Xglm;

/// Llama's names for q/k/v, fairseq's for the rest.
const LINEARS: &[LinearSpec] = &[
    Q_PROJ,
    K_PROJ,
    V_PROJ,
    linear(Role::O, "self_attn.out_proj", "attn_output"),
    linear(Role::Up, "fc1", "ffn_up"),
    linear(Role::Down, "fc2", "ffn_down"),
];

/// XGLM's tensor names: every linear layer biased, LayerNorms with biases.
pub const LAYOUT: Layout = Layout {
    final_norm: Name {
        hf: "model.layer_norm.weight",
        gguf: "output_norm.weight",
    },
    attn_norm: Name {
        hf: "self_attn_layer_norm",
        gguf: "attn_norm",
    },
    mlp_norm: Some(Name {
        hf: "final_layer_norm",
        gguf: "ffn_norm",
    }),
    linears: LINEARS,
    biased: &[Role::Q, Role::K, Role::V, Role::O, Role::Up, Role::Down],
    ..LLAMA
};

impl Architecture for Xglm {
    fn gguf_name(&self) -> &'static str {
        "xglm"
    }

    fn hf_model_types(&self) -> &'static [&'static str] {
        &["xglm"]
    }

    fn config_from_gguf(&self, _md: &dyn Metadata) -> Result<Config> {
        Err(no_gguf("xglm"))
    }

    fn config_from_hf(&self, json: &serde_json::Value) -> Result<Config> {
        let activation = hf_gelu(json, "activation_function", "gelu")?;
        let hidden_size = hf_usize(json, "d_model")?;
        let num_heads = hf_usize(json, "attention_heads")?;
        let head_dim = hidden_size / num_heads.max(1);
        if num_heads * head_dim != hidden_size {
            return Err(ModelError::invalid(
                "config.json `attention_heads`",
                format!("{num_heads} heads do not divide d_model {hidden_size}"),
            ));
        }
        let scale_embedding = json
            .get("scale_embedding")
            .and_then(|v| v.as_bool())
            .unwrap_or(true);
        let cfg = Config {
            arch: "xglm",
            vocab_size: hf_usize(json, "vocab_size")?,
            hidden_size,
            intermediate_size: hf_usize(json, "ffn_dim")?,
            num_layers: hf_usize(json, "num_layers")?,
            num_heads,
            num_kv_heads: num_heads,
            head_dim,
            rotary_dim: 0,
            rope_theta: 10_000.0,
            rope_scaling: None,
            // torch's LayerNorm default; XGLM's config has no epsilon key.
            rms_eps: hf_f32(json, "layer_norm_eps", 1e-5),
            max_position: hf_usize(json, "max_position_embeddings")?,
            tie_embeddings: json
                .get("tie_word_embeddings")
                .and_then(|v| v.as_bool())
                .unwrap_or(true),
            embed_scale: if scale_embedding {
                (hidden_size as f32).sqrt()
            } else {
                1.0
            },
            qkv_bias: false,
            layout: &LAYOUT,
            block: Block {
                norm: Norm::Layer,
                activation,
                residual: Residual::Sequential,
                positions: Positions::Sinusoidal { offset: 2 },
            },
            mla: None,
            moe: None,
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
