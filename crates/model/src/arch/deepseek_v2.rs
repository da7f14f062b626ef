//! The DeepSeek-V2 family (`DeepseekV2ForCausalLM`: DeepSeek-Coder-V2-Lite and -V2), a
//! mixture of experts with multi-head latent attention.
//!
//! **Attention (MLA).** Keys and values come from a low-rank latent: `kv_a_proj_with_mqa`
//! maps the input to `kv_lora_rank` latent values (RMS-normed by `kv_a_layernorm`) plus one
//! rotary key part shared by all heads; `kv_b_proj` expands the latent into each head's
//! unrotated key part and its value. Queries come from `q_proj` (or, in the large models, a
//! low-rank `q_a_proj` → `q_a_layernorm` → `q_b_proj`), each head `[nope | rope]`, and the
//! rotary part turns interleaved pairs. The runtime keeps the expanded keys and values in its
//! ordinary cache: each head's key is stored as `[rope | nope]` (the pairs moved into the
//! halves layout when loading, [`Mla::q_order`], [`Mla::kv_a_order`]), so the one RoPE and the
//! one attention serve it; values are padded with zeros to the key width and cut back before
//! `o_proj`. The roles map as q → `q_proj`/`q_b_proj`, k → `kv_a_proj_with_mqa`,
//! v → `kv_b_proj`, so PEFT adapters on those names apply.
//!
//! **MLP (MoE).** The first `first_k_dense_replace` blocks have a dense SwiGLU MLP; the others
//! route each token to `num_experts_per_tok` of `n_routed_experts` SwiGLU experts by a
//! softmax router (greedy or group-limited top-k, weights times `routed_scaling_factor`,
//! optionally renormalised) and add `n_shared_experts` always-on experts (one MLP of
//! `n_shared_experts × moe_intermediate_size`).

use super::layout::{
    linear, LinearSpec, Role, DOWN_PROJ, GATE_PROJ, LLAMA, O_PROJ, Q_PROJ, UP_PROJ,
};
use super::rope::{Yarn, YarnParams};
use super::{
    hf_f32, hf_rope_theta, hf_usize, no_gguf, Architecture, Block, Config, Layout, Metadata,
};
use crate::error::{ModelError, Result};

pub struct DeepseekV2;

/// Multi-head latent attention's dimensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mla {
    pub kv_lora_rank: usize,
    /// `None` when queries come from one `q_proj` (the Lite models).
    pub q_lora_rank: Option<usize>,
    pub nope_dim: usize,
    pub rope_dim: usize,
    pub v_dim: usize,
}

/// Latent attention's tensors beyond its q/k/v/o roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MlaPart {
    /// The low-rank query path: `q_a_proj`, its norm, `q_b_proj` (the large models).
    QA,
    QANorm,
    QB,
    /// The norm of the key/value latent.
    KvNorm,
}

/// How the experts are chosen for a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TopK {
    /// The `k` highest router scores.
    Greedy,
    /// The `k` highest among the experts of the `groups` groups with the best single score.
    GroupLimited { groups: usize, top_groups: usize },
}

/// The mixture of experts' shape.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Moe {
    pub experts: usize,
    pub per_token: usize,
    pub shared: usize,
    pub expert_ff: usize,
    /// Blocks before this one have a dense MLP.
    pub first_moe_layer: usize,
    pub scaling: f32,
    pub normalise: bool,
    pub top_k: TopK,
}

const LINEARS: &[LinearSpec] = &[
    Q_PROJ,
    linear(Role::K, "self_attn.kv_a_proj_with_mqa", "attn_kv_a_mqa"),
    linear(Role::V, "self_attn.kv_b_proj", "attn_kv_b"),
    O_PROJ,
    GATE_PROJ,
    UP_PROJ,
    DOWN_PROJ,
];

/// DeepSeek-V2's names: Llama's norms and MLP, MLA's projections.
pub const LAYOUT: Layout = Layout {
    linears: LINEARS,
    default_targets: &["q_proj", "kv_a_proj_with_mqa", "kv_b_proj"],
    ..LLAMA
};

impl Mla {
    /// Each query head's width, `[nope | rope]` (the attention's head size).
    pub fn qk_dim(&self) -> usize {
        self.nope_dim + self.rope_dim
    }

    /// The rows of `q_proj` (or `q_b_proj`) in the runtime's order: per head the rotary
    /// part first, its interleaved pairs in the halves layout, then the unrotated part.
    pub fn q_order(&self, heads: usize) -> Vec<usize> {
        let (qk, nope, half) = (self.qk_dim(), self.nope_dim, self.rope_dim / 2);
        let mut order = Vec::with_capacity(heads * qk);
        for h in 0..heads {
            let base = h * qk;
            order.extend((0..half).map(|i| base + nope + 2 * i));
            order.extend((0..half).map(|i| base + nope + 2 * i + 1));
            order.extend((0..nope).map(|i| base + i));
        }
        order
    }

    /// The rows of `kv_a_proj_with_mqa` in the runtime's order: the latent, then the shared
    /// rotary key part with its pairs in the halves layout.
    pub fn kv_a_order(&self) -> Vec<usize> {
        let (r, half) = (self.kv_lora_rank, self.rope_dim / 2);
        (0..r)
            .chain((0..half).map(|i| r + 2 * i))
            .chain((0..half).map(|i| r + 2 * i + 1))
            .collect()
    }

    /// The Hugging Face name of one of latent attention's extra tensors in block `layer`.
    pub fn tensor(layer: usize, part: MlaPart) -> String {
        let path = match part {
            MlaPart::QA => "q_a_proj",
            MlaPart::QANorm => "q_a_layernorm",
            MlaPart::QB => "q_b_proj",
            MlaPart::KvNorm => "kv_a_layernorm",
        };
        format!("{}.{layer}.self_attn.{path}.weight", LAYOUT.blocks.hf)
    }
}

impl Moe {
    /// Whether block `layer` routes to experts (else it has a dense MLP).
    pub fn routes(&self, layer: usize) -> bool {
        layer >= self.first_moe_layer
    }

    /// The Hugging Face name of a routed expert's (`Some(e)`) or the shared experts' (`None`)
    /// MLP matrix of `role` in block `layer`.
    pub fn expert_tensor(layer: usize, expert: Option<usize>, role: Role) -> String {
        let m = LAYOUT.linear(role).module();
        match expert {
            Some(e) => format!("{}.{layer}.mlp.experts.{e}.{m}.weight", LAYOUT.blocks.hf),
            None => format!("{}.{layer}.mlp.shared_experts.{m}.weight", LAYOUT.blocks.hf),
        }
    }

    /// The router's `experts × hidden` matrix in block `layer`.
    pub fn router_tensor(layer: usize) -> String {
        format!("{}.{layer}.mlp.gate.weight", LAYOUT.blocks.hf)
    }

    /// The experts a token goes to and their weights, from its router logits.
    pub fn route(&self, logits: &[f32]) -> Vec<(usize, f32)> {
        let max = logits.iter().fold(f32::NEG_INFINITY, |a, &b| a.max(b));
        let exp: Vec<f32> = logits.iter().map(|&l| (l - max).exp()).collect();
        let sum: f32 = exp.iter().sum();
        let mut scores: Vec<f32> = exp.iter().map(|e| e / sum).collect();
        if let TopK::GroupLimited { groups, top_groups } = self.top_k {
            let size = self.experts / groups;
            let best: Vec<f32> = scores
                .chunks(size)
                .map(|g| g.iter().fold(f32::NEG_INFINITY, |a, &b| a.max(b)))
                .collect();
            let mut order: Vec<usize> = (0..groups).collect();
            order.sort_by(|&a, &b| best[b].total_cmp(&best[a]));
            for &g in &order[top_groups..] {
                scores[g * size..(g + 1) * size].fill(0.0);
            }
        }
        let mut idx: Vec<usize> = (0..self.experts).collect();
        idx.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
        idx.truncate(self.per_token);
        let total: f32 = idx.iter().map(|&e| scores[e]).sum();
        idx.into_iter()
            .map(|e| {
                let w = if self.normalise {
                    scores[e] / (total + 1e-20)
                } else {
                    scores[e]
                };
                (e, w * self.scaling)
            })
            .collect()
    }
}

/// The YaRN parameters of `rope_scaling` (transformers 4's key, `type`) or `rope_parameters`
/// (transformers 5's, `rope_type`); `None` for plain rotary embeddings, an error naming any
/// other scaling.
fn yarn(json: &serde_json::Value) -> Result<Option<YarnParams>> {
    let section = json
        .get("rope_scaling")
        .filter(|v| !v.is_null())
        .or_else(|| json.get("rope_parameters"));
    let Some(s) = section else {
        return Ok(None);
    };
    let kind = s
        .get("rope_type")
        .or_else(|| s.get("type"))
        .and_then(|v| v.as_str())
        .unwrap_or("default");
    match kind {
        "default" => Ok(None),
        "yarn" => {
            let num = |k: &str| s.get(k).and_then(|v| v.as_f64());
            let need = |k: &str| {
                num(k).ok_or_else(|| {
                    ModelError::invalid(format!("config.json rope scaling `{k}`"), "missing")
                })
            };
            Ok(Some(YarnParams {
                factor: need("factor")?,
                original_max_position: need("original_max_position_embeddings")?,
                beta_fast: num("beta_fast").filter(|&b| b != 0.0).unwrap_or(32.0),
                beta_slow: num("beta_slow").filter(|&b| b != 0.0).unwrap_or(1.0),
                mscale: num("mscale"),
                mscale_all_dim: num("mscale_all_dim"),
                attention_factor: num("attention_factor"),
                truncate: s.get("truncate").and_then(|v| v.as_bool()).unwrap_or(true),
            }))
        }
        other => Err(ModelError::invalid(
            "config.json `rope_scaling`",
            format!("`{other}` is not supported (yarn is)"),
        )),
    }
}

fn opt_usize(json: &serde_json::Value, key: &str) -> Option<usize> {
    json.get(key).and_then(|v| v.as_u64()).map(|v| v as usize)
}

impl Architecture for DeepseekV2 {
    fn gguf_name(&self) -> &'static str {
        "deepseek2"
    }

    fn hf_model_types(&self) -> &'static [&'static str] {
        &["deepseek_v2"]
    }

    fn config_from_gguf(&self, _md: &dyn Metadata) -> Result<Config> {
        Err(no_gguf("deepseek2"))
    }

    fn config_from_hf(&self, json: &serde_json::Value) -> Result<Config> {
        let field = |key: &str| format!("config.json `{key}`");
        let rope_scaling = yarn(json)?;
        if json
            .get("hidden_act")
            .and_then(|v| v.as_str())
            .unwrap_or("silu")
            != "silu"
        {
            return Err(ModelError::invalid(
                field("hidden_act"),
                "only silu is supported",
            ));
        }
        if json.get("attention_bias").and_then(|v| v.as_bool()) == Some(true)
            || json.get("mlp_bias").and_then(|v| v.as_bool()) == Some(true)
        {
            return Err(ModelError::invalid(
                field("attention_bias"),
                "biases are not supported for this family",
            ));
        }
        let mla = Mla {
            kv_lora_rank: hf_usize(json, "kv_lora_rank")?,
            q_lora_rank: opt_usize(json, "q_lora_rank"),
            nope_dim: hf_usize(json, "qk_nope_head_dim")?,
            rope_dim: hf_usize(json, "qk_rope_head_dim")?,
            v_dim: hf_usize(json, "v_head_dim")?,
        };
        if mla.v_dim > mla.qk_dim() || !mla.rope_dim.is_multiple_of(2) {
            return Err(ModelError::invalid(
                field("v_head_dim"),
                format!(
                    "{} must be at most qk_nope_head_dim + qk_rope_head_dim = {} (and the rotary part even)",
                    mla.v_dim,
                    mla.qk_dim()
                ),
            ));
        }
        let experts = opt_usize(json, "n_routed_experts").unwrap_or(0);
        let moe = (experts > 0)
            .then(|| -> Result<Moe> {
                let top_k = match json.get("topk_method").and_then(|v| v.as_str()) {
                    None | Some("greedy") => TopK::Greedy,
                    Some("group_limited_greedy") => {
                        let groups = hf_usize(json, "n_group")?;
                        if groups == 0 || !experts.is_multiple_of(groups) {
                            return Err(ModelError::invalid(
                                field("n_group"),
                                format!("{groups} groups cannot split {experts} experts"),
                            ));
                        }
                        TopK::GroupLimited {
                            groups,
                            top_groups: hf_usize(json, "topk_group")?.min(groups),
                        }
                    }
                    Some(other) => {
                        return Err(ModelError::invalid(
                            field("topk_method"),
                            format!("`{other}` is not supported (greedy, group_limited_greedy)"),
                        ))
                    }
                };
                let shared = opt_usize(json, "n_shared_experts").unwrap_or(0);
                if shared == 0 {
                    return Err(ModelError::invalid(
                        field("n_shared_experts"),
                        "0 is not supported (every released model has shared experts)",
                    ));
                }
                Ok(Moe {
                    experts,
                    per_token: hf_usize(json, "num_experts_per_tok")?.clamp(1, experts),
                    shared,
                    expert_ff: hf_usize(json, "moe_intermediate_size")?,
                    first_moe_layer: opt_usize(json, "first_k_dense_replace").unwrap_or(0),
                    scaling: hf_f32(json, "routed_scaling_factor", 1.0),
                    normalise: json
                        .get("norm_topk_prob")
                        .and_then(|v| v.as_bool())
                        .unwrap_or(false),
                    top_k,
                })
            })
            .transpose()?;
        let num_heads = hf_usize(json, "num_attention_heads")?;
        let cfg = Config {
            arch: "deepseek_v2",
            vocab_size: hf_usize(json, "vocab_size")?,
            hidden_size: hf_usize(json, "hidden_size")?,
            intermediate_size: hf_usize(json, "intermediate_size")?,
            num_layers: hf_usize(json, "num_hidden_layers")?,
            num_heads,
            // Keys and values are expanded per head from the latent.
            num_kv_heads: num_heads,
            head_dim: mla.qk_dim(),
            rotary_dim: mla.rope_dim,
            rope_theta: hf_rope_theta(json),
            rms_eps: hf_f32(json, "rms_norm_eps", 1e-6),
            max_position: hf_usize(json, "max_position_embeddings")?,
            tie_embeddings: json
                .get("tie_word_embeddings")
                .and_then(|v| v.as_bool())
                .unwrap_or(false),
            embed_scale: 1.0,
            qkv_bias: false,
            layout: &LAYOUT,
            block: Block::LLAMA,
            mla: Some(mla),
            moe,
            rope_scaling: rope_scaling.map(|p| Yarn::new(&p, mla.rope_dim, hf_rope_theta(json))),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routing_takes_the_top_scores_and_group_limits() {
        let mut moe = Moe {
            experts: 4,
            per_token: 2,
            shared: 0,
            expert_ff: 32,
            first_moe_layer: 0,
            scaling: 2.0,
            normalise: false,
            top_k: TopK::Greedy,
        };
        let logits = [0.0f32, 2.0, 1.0, 1.5];
        let sum: f32 = logits.iter().map(|l| l.exp()).sum();
        let got = moe.route(&logits);
        assert_eq!(got.iter().map(|e| e.0).collect::<Vec<_>>(), vec![1, 3]);
        assert!((got[0].1 - 2.0 * 2f32.exp() / sum).abs() < 1e-6);
        moe.normalise = true;
        let got = moe.route(&logits);
        assert!((got[0].1 + got[1].1 - 2.0).abs() < 1e-6);
        // Groups {0,1} and {2,3}: only the best group (holding expert 1) stays.
        moe.top_k = TopK::GroupLimited {
            groups: 2,
            top_groups: 1,
        };
        let got = moe.route(&logits);
        assert_eq!(got.iter().map(|e| e.0).collect::<Vec<_>>(), vec![1, 0]);
    }
}
