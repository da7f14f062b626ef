//! The CodeGen family (`CodeGenForCausalLM`: CodeGen-350M/2B/6B/16B-mono/multi/nl), the
//! paper's main model and SVEN's.
//!
//! A GPT-J block: one LayerNorm feeds attention and the MLP in parallel
//! (`x + attn(ln(x)) + mlp(ln(x))`), a `gelu_new` MLP with biases, an output projection with
//! a bias, and rotary embeddings on the first `rotary_dim` dimensions of each head, turning
//! interleaved pairs. q, k and v sit in one `qkv_proj` matrix whose rows are cut into four
//! model-parallel shards of `[q | v | k]`; the loader splits it into the runtime's q, k and v
//! and moves the rotary pairs into the halves layout ([`super::Layout::qkv_order`]), so the
//! one RoPE and the one attention serve this family too. llama.cpp has no CodeGen, so only
//! Hugging Face folders load.

use super::layout::{linear, FusedQkv, Name, Role};
use super::{hf_f32, hf_gelu, hf_usize, no_gguf, Architecture, Block, Config, Layout, Metadata};
use crate::error::{ModelError, Result};

pub struct CodeGen;

/// CodeGen's tensor names (llama.cpp's names for the parts it shares with Llama).
pub const LAYOUT: Layout = Layout {
    embed: Name {
        hf: "transformer.wte.weight",
        gguf: "token_embd.weight",
    },
    final_norm: Name {
        hf: "transformer.ln_f.weight",
        gguf: "output_norm.weight",
    },
    lm_head: Name {
        hf: "lm_head.weight",
        gguf: "output.weight",
    },
    blocks: Name {
        hf: "transformer.h",
        gguf: "blk",
    },
    attn_norm: Name {
        hf: "ln_1",
        gguf: "attn_norm",
    },
    mlp_norm: None,
    linears: &[
        linear(Role::Qkv, "attn.qkv_proj", "attn_qkv"),
        linear(Role::O, "attn.out_proj", "attn_output"),
        linear(Role::Up, "mlp.fc_in", "ffn_up"),
        linear(Role::Down, "mlp.fc_out", "ffn_down"),
    ],
    // PEFT's default for CodeGen (and the paper's attention-only choice).
    default_targets: &["qkv_proj"],
    biased: &[Role::Up, Role::Down],
    lm_head_bias: true,
    fused_qkv: Some(FusedQkv::CodeGen { mp_num: 4 }),
};

impl Architecture for CodeGen {
    fn gguf_name(&self) -> &'static str {
        "codegen"
    }

    fn hf_model_types(&self) -> &'static [&'static str] {
        &["codegen"]
    }

    fn config_from_gguf(&self, _md: &dyn Metadata) -> Result<Config> {
        Err(no_gguf("codegen"))
    }

    fn config_from_hf(&self, json: &serde_json::Value) -> Result<Config> {
        let hidden_size = hf_usize(json, "n_embd")?;
        let num_heads = hf_usize(json, "n_head")?;
        let head_dim = hidden_size / num_heads.max(1);
        let activation = hf_gelu(json, "activation_function", "gelu_new")?;
        let cfg = Config {
            arch: "codegen",
            vocab_size: hf_usize(json, "vocab_size")?,
            hidden_size,
            // `n_inner: null` means four times the width, as in GPT-2.
            intermediate_size: hf_usize(json, "n_inner").unwrap_or(4 * hidden_size),
            num_layers: hf_usize(json, "n_layer")?,
            num_heads,
            num_kv_heads: num_heads,
            head_dim,
            rotary_dim: hf_usize(json, "rotary_dim")?,
            rope_theta: 10_000.0,
            rms_eps: hf_f32(json, "layer_norm_epsilon", 1e-5),
            max_position: hf_usize(json, "n_positions")?,
            tie_embeddings: json
                .get("tie_word_embeddings")
                .and_then(|v| v.as_bool())
                .unwrap_or(false),
            embed_scale: 1.0,
            qkv_bias: false,
            layout: &LAYOUT,
            block: Block {
                activation,
                ..Block::GPTJ
            },
            mla: None,
            moe: None,
            rope_scaling: None,
        };
        if num_heads * head_dim != hidden_size {
            return Err(ModelError::invalid(
                "config.json `n_head`",
                format!("{num_heads} heads do not divide n_embd {hidden_size}"),
            ));
        }
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
