//! Architectures: what differs between model families is described here, one file each;
//! the forward pass (`crate::forward`) is shared by all decoder-only transformers with
//! RMSNorm, rotary embeddings, grouped-query attention and a SwiGLU MLP.
//!
//! An architecture file turns a GGUF header or a Hugging Face `config.json` into a
//! [`Config`] and states its quirks (biases, how GGUF stored q/k). Weights are always named
//! by their Hugging Face names inside the runtime (`model.layers.3.self_attn.q_proj.weight`),
//! so PEFT adapters, which use those names, apply to GGUF and safetensors models alike.

pub mod codegen;
pub mod deepseek_v2;
pub mod layout;
pub mod llama;
pub mod mistral;
pub mod positions;
pub mod qwen2;
pub mod rope;
pub mod starcoder2;
pub mod xglm;

pub use layout::{Layout, Role};
pub use positions::Positions;

use crate::error::{ModelError, Result};

/// Hyper-parameters of a decoder-only transformer.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The architecture's name (`llama`, `qwen2`).
    pub arch: &'static str,
    pub vocab_size: usize,
    pub hidden_size: usize,
    pub intermediate_size: usize,
    pub num_layers: usize,
    pub num_heads: usize,
    pub num_kv_heads: usize,
    pub head_dim: usize,
    /// The leading dimensions of each head that rotary embeddings turn (`head_dim` for
    /// Llama; CodeGen's `rotary_dim`; 0 where positions are added to the embeddings).
    pub rotary_dim: usize,
    pub rope_theta: f32,
    /// Rotary scaling (YaRN), when the config asks for it.
    pub rope_scaling: Option<rope::Yarn>,
    /// The norms' epsilon (RMSNorm's or LayerNorm's).
    pub rms_eps: f32,
    /// The context window.
    pub max_position: usize,
    /// No separate `lm_head`: the output projection is the token embedding.
    pub tie_embeddings: bool,
    /// The factor on token embeddings before the first block (XGLM's `sqrt(d_model)`; 1
    /// elsewhere).
    pub embed_scale: f32,
    /// Biases on the q/k/v projections (Qwen2).
    pub qkv_bias: bool,
    /// The family's tensor names.
    pub layout: &'static Layout,
    /// How a decoder block is built (norms, activation, residual layout, rotary share).
    pub block: Block,
    /// Multi-head latent attention (DeepSeek-V2) instead of q/k/v projections.
    pub mla: Option<deepseek_v2::Mla>,
    /// A mixture of experts (DeepSeek-V2) in place of the MLP of later blocks.
    pub moe: Option<deepseek_v2::Moe>,
}

/// The normalisation before attention and MLP.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Norm {
    /// RMSNorm with a weight (Llama, Qwen2, Mistral).
    Rms,
    /// LayerNorm with weight and bias (CodeGen, StarCoder2, XGLM).
    Layer,
}

/// The MLP's non-linearity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Activation {
    /// `silu(gate) · up` with separate gate and up projections (SwiGLU).
    SiluGated,
    /// `gelu(fc_in)` with one input projection (CodeGen's `gelu_new`, StarCoder2's tanh form).
    GeluTanh,
    /// The exact GELU, `x · Φ(x)` with the error function (XGLM's `gelu`), one input
    /// projection.
    GeluErf,
}

/// How attention and MLP feed the residual stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Residual {
    /// `x += attn(norm1(x)); x += mlp(norm2(x))` (Llama).
    Sequential,
    /// `x += attn(norm(x)) + mlp(norm(x))`, one norm for both (CodeGen, GPT-J).
    Parallel,
}

/// The shape of one decoder block, stated by each architecture file and read by every
/// forward (the CPU kernels, the device path, the trainer) instead of assuming Llama's.
///
/// The CPU forward, the device path and the trainer's composed path implement every shape
/// here; the trainer's fused CPU block is written for [`Block::LLAMA`] only and is used
/// where [`Config::require_llama_block`] accepts the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    pub norm: Norm,
    pub activation: Activation,
    pub residual: Residual,
    pub positions: Positions,
}

impl Block {
    /// RMSNorm, SwiGLU, sequential residual.
    pub const LLAMA: Block = Block {
        norm: Norm::Rms,
        activation: Activation::SiluGated,
        residual: Residual::Sequential,
        positions: Positions::Rotary,
    };

    /// LayerNorm, GELU MLP, attention and MLP in parallel off one norm (CodeGen, GPT-J).
    pub const GPTJ: Block = Block {
        norm: Norm::Layer,
        activation: Activation::GeluTanh,
        residual: Residual::Parallel,
        positions: Positions::Rotary,
    };
}

/// What one model family needs to say about itself.
pub trait Architecture: Sync {
    /// `general.architecture` in GGUF files.
    fn gguf_name(&self) -> &'static str;
    /// `model_type` values of Hugging Face `config.json` files.
    fn hf_model_types(&self) -> &'static [&'static str];
    fn config_from_gguf(&self, md: &dyn Metadata) -> Result<Config>;
    fn config_from_hf(&self, json: &serde_json::Value) -> Result<Config>;
    /// Whether llama.cpp's converter permuted the q/k rows for interleaved RoPE; the loader
    /// undoes it so one RoPE (and Hugging Face's adapter layout) serves every source.
    fn gguf_permutes_qk(&self) -> bool;
    /// The family's tensor names (Llama's unless it says otherwise).
    fn layout(&self) -> &'static Layout {
        &layout::LLAMA
    }
}

/// Read access to GGUF metadata, so architecture files don't depend on the file format.
pub trait Metadata {
    fn get_u64(&self, key: &str) -> Option<u64>;
    fn get_f32(&self, key: &str) -> Option<f32>;
    /// Whether a metadata key or a tensor of that name exists.
    fn has(&self, key: &str) -> bool;
}

pub static ARCHITECTURES: &[&dyn Architecture] = &[
    &llama::Llama,
    &qwen2::Qwen2,
    &mistral::Mistral,
    &codegen::CodeGen,
    &starcoder2::Starcoder2,
    &deepseek_v2::DeepseekV2,
    &xglm::Xglm,
];

/// Every PEFT module name some family can target (for reading adapters before the model).
pub fn lora_modules() -> Vec<&'static str> {
    let mut all: Vec<&'static str> = ARCHITECTURES
        .iter()
        .flat_map(|a| a.layout().modules())
        .collect();
    all.sort_unstable();
    all.dedup();
    all
}

/// The layout that names a PEFT tensor and `(layer, module, 0 for A / 1 for B)` in it.
pub fn parse_peft_name(name: &str) -> Option<(&'static Layout, (usize, &'static str, usize))> {
    ARCHITECTURES
        .iter()
        .find_map(|a| Some((a.layout(), a.layout().parse_peft(name)?)))
}

/// The first family's layout that names every one of an adapter's tensors, so an adapter
/// written back (a resumed training run) keeps its names: `q_proj` alone reads as Llama's,
/// `q_proj` with `fc1` as XGLM's. Families that share a module share its path, so any layout
/// that parses every name writes the same names.
pub fn layout_of_peft_names(names: &[&str]) -> Option<&'static Layout> {
    ARCHITECTURES
        .iter()
        .map(|a| a.layout())
        .find(|l| names.iter().all(|n| l.parse_peft(n).is_some()))
}

pub fn by_gguf_name(name: &str) -> Result<&'static dyn Architecture> {
    ARCHITECTURES
        .iter()
        .copied()
        .find(|a| a.gguf_name() == name)
        .ok_or_else(|| ModelError::UnknownArchitecture(name.to_string()))
}

pub fn by_hf_model_type(name: &str) -> Result<&'static dyn Architecture> {
    ARCHITECTURES
        .iter()
        .copied()
        .find(|a| a.hf_model_types().contains(&name))
        .ok_or_else(|| ModelError::UnknownArchitecture(name.to_string()))
}

/// A required GGUF integer `<arch>.<key>`.
pub(crate) fn gguf_usize(md: &dyn Metadata, arch: &str, key: &str) -> Result<usize> {
    let full = format!("{arch}.{key}");
    md.get_u64(&full)
        .map(|v| v as usize)
        .ok_or_else(|| ModelError::invalid(full, "missing from the GGUF metadata"))
}

/// A required `config.json` integer.
pub(crate) fn hf_usize(json: &serde_json::Value, key: &str) -> Result<usize> {
    json.get(key)
        .and_then(|v| v.as_u64())
        .map(|v| v as usize)
        .ok_or_else(|| {
            ModelError::invalid(format!("config.json `{key}`"), "missing or not an integer")
        })
}

pub(crate) fn hf_f32(json: &serde_json::Value, key: &str, default: f32) -> f32 {
    json.get(key)
        .and_then(|v| v.as_f64())
        .map(|v| v as f32)
        .unwrap_or(default)
}

/// The GELU forms the runtime computes in their tanh approximation.
const GELU_TANH: &[&str] = &["gelu_new", "gelu_pytorch_tanh", "gelu_fast"];

/// The exact (error-function) GELU's names.
const GELU_ERF: &[&str] = &["gelu"];

/// The GELU `config.json` names under `key` (or `default`), refusing any other activation.
pub(crate) fn hf_gelu(json: &serde_json::Value, key: &str, default: &str) -> Result<Activation> {
    let activation = json.get(key).and_then(|v| v.as_str()).unwrap_or(default);
    if GELU_TANH.contains(&activation) {
        return Ok(Activation::GeluTanh);
    }
    if GELU_ERF.contains(&activation) {
        return Ok(Activation::GeluErf);
    }
    Err(ModelError::invalid(
        format!("config.json `{key}`"),
        format!(
            "`{activation}` is not supported (one of {}, {})",
            GELU_TANH.join(", "),
            GELU_ERF.join(", ")
        ),
    ))
}

/// The error for a GGUF file of a family that loads from Hugging Face folders only.
pub(crate) fn no_gguf(gguf_name: &str) -> ModelError {
    ModelError::invalid(
        format!("general.architecture `{gguf_name}`"),
        "GGUF files of this family are not supported; load its Hugging Face folder (config.json + safetensors)",
    )
}

/// The rotary base: `rope_theta`, or inside `rope_parameters` where transformers 5 writes it.
pub(crate) fn hf_rope_theta(json: &serde_json::Value) -> f32 {
    let nested = json
        .get("rope_parameters")
        .unwrap_or(&serde_json::Value::Null);
    json.get("rope_theta")
        .or_else(|| nested.get("rope_theta"))
        .and_then(|v| v.as_f64())
        .map_or(10_000.0, |v| v as f32)
}

/// The configuration shared by llama-like GGUF headers.
pub(crate) fn gguf_config(
    md: &dyn Metadata,
    arch: &'static str,
    layout: &'static Layout,
    qkv_bias: bool,
    vocab_size: usize,
    tie_embeddings: bool,
) -> Result<Config> {
    let hidden_size = gguf_usize(md, arch, "embedding_length")?;
    let num_heads = gguf_usize(md, arch, "attention.head_count")?;
    let num_kv_heads = md
        .get_u64(&format!("{arch}.attention.head_count_kv"))
        .map(|v| v as usize)
        .unwrap_or(num_heads);
    let head_dim = md
        .get_u64(&format!("{arch}.attention.key_length"))
        .map(|v| v as usize)
        .unwrap_or(hidden_size / num_heads.max(1));
    let cfg = Config {
        arch,
        vocab_size,
        hidden_size,
        intermediate_size: gguf_usize(md, arch, "feed_forward_length")?,
        num_layers: gguf_usize(md, arch, "block_count")?,
        num_heads,
        num_kv_heads,
        head_dim,
        rotary_dim: head_dim,
        rope_theta: md
            .get_f32(&format!("{arch}.rope.freq_base"))
            .unwrap_or(10_000.0),
        rms_eps: md
            .get_f32(&format!("{arch}.attention.layer_norm_rms_epsilon"))
            .unwrap_or(1e-6),
        max_position: gguf_usize(md, arch, "context_length")?,
        tie_embeddings,
        embed_scale: 1.0,
        qkv_bias,
        layout,
        block: Block::LLAMA,
        mla: None,
        moe: None,
        rope_scaling: None,
    };
    cfg.validate()?;
    Ok(cfg)
}

/// The configuration shared by llama-like `config.json` files.
pub(crate) fn hf_config(
    json: &serde_json::Value,
    arch: &'static str,
    layout: &'static Layout,
    qkv_bias: bool,
) -> Result<Config> {
    let hidden_size = hf_usize(json, "hidden_size")?;
    let num_heads = hf_usize(json, "num_attention_heads")?;
    let head_dim = hf_usize(json, "head_dim").unwrap_or(hidden_size / num_heads.max(1));
    let cfg = Config {
        arch,
        vocab_size: hf_usize(json, "vocab_size")?,
        hidden_size,
        intermediate_size: hf_usize(json, "intermediate_size")?,
        num_layers: hf_usize(json, "num_hidden_layers")?,
        num_heads,
        num_kv_heads: hf_usize(json, "num_key_value_heads").unwrap_or(num_heads),
        head_dim,
        rotary_dim: head_dim,
        rope_theta: hf_rope_theta(json),
        rms_eps: hf_f32(json, "rms_norm_eps", 1e-6),
        max_position: hf_usize(json, "max_position_embeddings")?,
        tie_embeddings: json
            .get("tie_word_embeddings")
            .and_then(|v| v.as_bool())
            .unwrap_or(false),
        embed_scale: 1.0,
        qkv_bias,
        layout,
        block: Block::LLAMA,
        mla: None,
        moe: None,
        rope_scaling: None,
    };
    cfg.validate()?;
    Ok(cfg)
}

impl Config {
    /// Reject headers the forward pass cannot run, naming the field.
    pub fn validate(&self) -> Result<()> {
        let bad = |field: &str, why: String| Err(ModelError::invalid(field.to_string(), why));
        if self.num_layers == 0 || self.hidden_size == 0 || self.vocab_size == 0 {
            return bad("config", format!("{self:?} has an empty dimension"));
        }
        if self.num_heads == 0
            || self.num_kv_heads == 0
            || !self.num_heads.is_multiple_of(self.num_kv_heads)
        {
            return bad(
                "num_kv_heads",
                format!(
                    "{} heads cannot be grouped into {} kv heads",
                    self.num_heads, self.num_kv_heads
                ),
            );
        }
        if self.head_dim == 0 || !self.head_dim.is_multiple_of(2) {
            return bad("head_dim", format!("{} must be even", self.head_dim));
        }
        let rotary = self.block.positions == Positions::Rotary;
        if (rotary && self.rotary_dim == 0)
            || !self.rotary_dim.is_multiple_of(2)
            || self.rotary_dim > self.head_dim
        {
            return bad(
                "rotary_dim",
                format!(
                    "{} must be even and at most head_dim {}",
                    self.rotary_dim, self.head_dim
                ),
            );
        }
        if let Some(layout::FusedQkv::CodeGen { mp_num }) = self.layout.fused_qkv {
            if mp_num == 0 || !self.num_heads.is_multiple_of(mp_num) {
                return bad(
                    "n_head",
                    format!(
                        "{} heads cannot be split into {mp_num} fused q/k/v shards",
                        self.num_heads
                    ),
                );
            }
        }
        if self.max_position == 0 {
            return bad("context_length", "0".into());
        }
        Ok(())
    }

    pub fn q_dim(&self) -> usize {
        self.num_heads * self.head_dim
    }

    pub fn kv_dim(&self) -> usize {
        self.num_kv_heads * self.head_dim
    }

    /// The factor on query·key products: `1/sqrt(head_dim)`, times YaRN's softmax scale.
    pub fn attention_scale(&self) -> f32 {
        let mscale = self.rope_scaling.as_ref().map_or(1.0, |y| y.softmax_mscale);
        mscale / (self.head_dim as f32).sqrt()
    }

    /// The block's shape in words, for `hexacoder models --inspect`.
    pub fn describe_block(&self) -> String {
        let norm = match self.block.norm {
            Norm::Rms => "RMSNorm",
            Norm::Layer => "LayerNorm",
        };
        let mlp = match self.block.activation {
            Activation::SiluGated => "SwiGLU MLP",
            Activation::GeluTanh => "GELU (tanh) MLP",
            Activation::GeluErf => "GELU (exact) MLP",
        };
        let residual = match self.block.residual {
            Residual::Sequential => "sequential residual",
            Residual::Parallel => "attention and MLP in parallel",
        };
        let mut biases: Vec<&str> = Vec::new();
        let biased = |r: Role| self.layout.biased.contains(&r);
        if self.qkv_bias || biased(Role::Q) {
            biases.push("q/k/v");
        }
        if biased(Role::O) {
            biases.push("attention output");
        }
        if biased(Role::Up) || biased(Role::Down) {
            biases.push("MLP");
        }
        if self.layout.lm_head_bias {
            biases.push("output");
        }
        let positions = match self.block.positions {
            Positions::Rotary => format!(
                "rotary on {} of {} head dims",
                self.rotary_dim, self.head_dim
            ),
            Positions::Sinusoidal { offset } => {
                format!("sinusoidal positions added to the embeddings (offset {offset})")
            }
        };
        let mut out = format!("{norm}, {mlp}, {residual}; {positions}");
        if self.embed_scale != 1.0 {
            out += &format!("; embeddings scaled by {}", self.embed_scale);
        }
        if !biases.is_empty() {
            out += &format!("; biases on {}", biases.join(", "));
        }
        if self.layout.fused_qkv.is_some() {
            out += "; fused q/k/v (split when loading)";
        }
        if let Some(m) = &self.mla {
            out += &format!(
                "; latent attention (kv rank {}, q rank {}, nope {} + rope {}, v {})",
                m.kv_lora_rank,
                m.q_lora_rank.map_or("full".into(), |r| r.to_string()),
                m.nope_dim,
                m.rope_dim,
                m.v_dim
            );
        }
        if let Some(m) = &self.moe {
            out += &format!(
                "; {} experts ({} per token, {} shared, ffn {}) from block {}",
                m.experts, m.per_token, m.shared, m.expert_ff, m.first_moe_layer
            );
        }
        out
    }

    /// Refuses a model that `forward` (e.g. "the trainer's forward") cannot run: those
    /// written for Llama's block only (the device path, the trainer), naming what is missing.
    pub fn require_llama_block(&self, forward: &str) -> Result<()> {
        let mut missing = Vec::new();
        if self.block.norm != Norm::Rms {
            missing.push("LayerNorm");
        }
        if self.block.activation != Activation::SiluGated {
            missing.push("a GELU MLP");
        }
        if self.block.residual != Residual::Sequential {
            missing.push("a parallel residual");
        }
        if self.rotary_dim != self.head_dim {
            missing.push("partial rotary embeddings");
        }
        if self.block.positions != Positions::Rotary {
            missing.push("sinusoidal positions");
        }
        if self.embed_scale != 1.0 {
            missing.push("scaled embeddings");
        }
        if !self.layout.biased.is_empty() || self.layout.lm_head_bias {
            missing.push("MLP and output biases");
        }
        if self.layout.fused_qkv.is_some() {
            missing.push("a fused q/k/v projection");
        }
        if self.mla.is_some() {
            missing.push("multi-head latent attention");
        }
        if self.moe.is_some() {
            missing.push("a mixture of experts");
        }
        if missing.is_empty() {
            Ok(())
        } else {
            Err(ModelError::invalid(
                format!("architecture `{}`", self.arch),
                format!("{forward} does not implement {} yet", missing.join(", ")),
            ))
        }
    }
}
