//! Where a decoder block's tensors sit in a checkpoint, under both naming schemes (Hugging
//! Face's, which PEFT adapters use too, and llama.cpp's GGUF names), and which linear layers
//! LoRA may target. Weight loading, GGUF, PEFT I/O, LoRA and the trainer all name tensors
//! through a [`Layout`], so a family with other names is one `Layout` value in its arch file,
//! and nothing outside `arch/` spells a tensor name.

use super::Config;

/// What a linear layer of a block does; the forwards address layers by role, never by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Q,
    K,
    V,
    /// The attention's output projection.
    O,
    Gate,
    Up,
    Down,
    /// q, k and v in one matrix (CodeGen's `qkv_proj`): split into [`Role::Q`], [`Role::K`]
    /// and [`Role::V`] when loading (see [`Layout::qkv_order`]), so the forwards never see it;
    /// it exists as a role because PEFT adapters target it by that name.
    Qkv,
}

impl Role {
    /// Every role, in the order of a block's forward pass.
    pub const ALL: [Role; 7] = [
        Role::Q,
        Role::K,
        Role::V,
        Role::O,
        Role::Gate,
        Role::Up,
        Role::Down,
    ];
}

/// A tensor's name in both schemes.
#[derive(Debug, PartialEq, Eq)]
pub struct Name {
    pub hf: &'static str,
    pub gguf: &'static str,
}

/// One linear layer of a block.
#[derive(Debug, PartialEq, Eq)]
pub struct LinearSpec {
    pub role: Role,
    /// The module's path inside a block (`self_attn.q_proj`) and llama.cpp's name (`attn_q`).
    pub name: Name,
}

impl LinearSpec {
    /// The name PEFT's `target_modules` use: the path's last segment (`q_proj`).
    pub fn module(&self) -> &'static str {
        let path = self.name.hf;
        path.rsplit('.').next().unwrap_or(path)
    }
}

/// The tensor names of one family.
#[derive(Debug, PartialEq, Eq)]
pub struct Layout {
    pub embed: Name,
    pub final_norm: Name,
    pub lm_head: Name,
    /// The prefix of block `i`'s tensors, before `.{i}.`.
    pub blocks: Name,
    /// The norms before attention and before the MLP, inside a block (one norm feeds both
    /// in a parallel block: no `mlp_norm`).
    pub attn_norm: Name,
    pub mlp_norm: Option<Name>,
    pub linears: &'static [LinearSpec],
    /// Linear layers that carry a bias in every checkpoint of the family (CodeGen's MLP);
    /// Qwen2's q/k/v biases come from the config ([`Config::qkv_bias`]).
    pub biased: &'static [Role],
    /// Whether the output projection carries a bias (CodeGen's `lm_head.bias`).
    pub lm_head_bias: bool,
    /// How the rows of a fused [`Role::Qkv`] matrix are ordered, when the family has one.
    pub fused_qkv: Option<FusedQkv>,
    /// The modules LoRA targets when none are named: the attention's input projections,
    /// as in the paper.
    pub default_targets: &'static [&'static str],
}

/// Llama's linear layers, which other families reuse by name.
pub const Q_PROJ: LinearSpec = linear(Role::Q, "self_attn.q_proj", "attn_q");
pub const K_PROJ: LinearSpec = linear(Role::K, "self_attn.k_proj", "attn_k");
pub const V_PROJ: LinearSpec = linear(Role::V, "self_attn.v_proj", "attn_v");
pub const O_PROJ: LinearSpec = linear(Role::O, "self_attn.o_proj", "attn_output");
pub const GATE_PROJ: LinearSpec = linear(Role::Gate, "mlp.gate_proj", "ffn_gate");
pub const UP_PROJ: LinearSpec = linear(Role::Up, "mlp.up_proj", "ffn_up");
pub const DOWN_PROJ: LinearSpec = linear(Role::Down, "mlp.down_proj", "ffn_down");

/// A linear layer's spec from its role and its two names.
pub const fn linear(role: Role, hf: &'static str, gguf: &'static str) -> LinearSpec {
    LinearSpec {
        role,
        name: Name { hf, gguf },
    }
}

/// Llama's names, shared by every Llama-like family (Llama, Qwen2, Mistral, …).
pub const LLAMA: Layout = Layout {
    embed: Name {
        hf: "model.embed_tokens.weight",
        gguf: "token_embd.weight",
    },
    final_norm: Name {
        hf: "model.norm.weight",
        gguf: "output_norm.weight",
    },
    lm_head: Name {
        hf: "lm_head.weight",
        gguf: "output.weight",
    },
    blocks: Name {
        hf: "model.layers",
        gguf: "blk",
    },
    attn_norm: Name {
        hf: "input_layernorm",
        gguf: "attn_norm",
    },
    mlp_norm: Some(Name {
        hf: "post_attention_layernorm",
        gguf: "ffn_norm",
    }),
    linears: &[
        Q_PROJ, K_PROJ, V_PROJ, O_PROJ, GATE_PROJ, UP_PROJ, DOWN_PROJ,
    ],
    default_targets: &["q_proj", "k_proj", "v_proj"],
    biased: &[],
    lm_head_bias: false,
    fused_qkv: None,
};

/// The row order of a fused q/k/v matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FusedQkv {
    /// CodeGen's: the rows form `mp_num` equal chunks (its model-parallel shards), each
    /// `[q | v | k]` for `num_heads / mp_num` heads, and q/k rotate interleaved pairs
    /// `(2i, 2i+1)` of the first `rotary_dim` dimensions (GPT-J's `rotate_every_two`).
    CodeGen { mp_num: usize },
}

/// Which of a block's norms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Norm {
    Attention,
    Mlp,
}

impl Layout {
    /// The spec of a linear layer the family has (see [`Layout::has`]).
    pub fn linear(&self, role: Role) -> &LinearSpec {
        self.linears
            .iter()
            .find(|l| l.role == role)
            .unwrap_or_else(|| panic!("this layout has no {role:?} layer"))
    }

    /// Whether the family's checkpoints hold a linear layer of this role as its own tensor.
    pub fn has(&self, role: Role) -> bool {
        self.linears.iter().any(|l| l.role == role)
    }

    /// For a fused q/k/v matrix: `order[r]` is the fused row that becomes row `r` of the
    /// runtime's `[q | k | v]` (each head's rotary dimensions in the halves layout the one
    /// RoPE turns, so a family with interleaved pairs needs no second rotation). Applied to
    /// the weight when loading and to a PEFT adapter's `lora_B` rows, so both stay exact.
    pub fn qkv_order(&self, cfg: &Config) -> Option<Vec<usize>> {
        let FusedQkv::CodeGen { mp_num } = self.fused_qkv?;
        let (nh, hd, rd) = (cfg.num_heads, cfg.head_dim, cfg.rotary_dim);
        let local = nh * hd / mp_num;
        let per_shard = nh / mp_num;
        // Fused row of dimension `d` of head `head` of part `p` (0 = q, 1 = v, 2 = k).
        let fused = |p: usize, head: usize, d: usize| {
            let (shard, j) = (head / per_shard, head % per_shard);
            shard * 3 * local + p * local + j * hd + d
        };
        // Dimension `d` of the halves layout reads interleaved dimension `src(d)`.
        let halves = |d: usize, rotated: bool| match (rotated, d < rd) {
            (true, true) if d < rd / 2 => 2 * d,
            (true, true) => 2 * (d - rd / 2) + 1,
            _ => d,
        };
        let mut order = Vec::with_capacity(3 * nh * hd);
        for (p, rotated) in [(0, true), (2, true), (1, false)] {
            for head in 0..nh {
                for d in 0..hd {
                    order.push(fused(p, head, halves(d, rotated)));
                }
            }
        }
        Some(order)
    }

    /// The role of a PEFT module name (`q_proj`), if this family has it.
    pub fn role_of(&self, module: &str) -> Option<Role> {
        self.linears
            .iter()
            .find(|l| l.module() == module)
            .map(|l| l.role)
    }

    /// The PEFT module names LoRA may target, in block order.
    pub fn modules(&self) -> Vec<&'static str> {
        self.linears.iter().map(LinearSpec::module).collect()
    }

    /// `(out, in)` of a linear layer under `cfg`.
    pub fn shape(&self, cfg: &Config, role: Role) -> (usize, usize) {
        let (h, qd, kvd, ff) = (
            cfg.hidden_size,
            cfg.q_dim(),
            cfg.kv_dim(),
            cfg.intermediate_size,
        );
        if let Some(m) = &cfg.mla {
            let nh = cfg.num_heads;
            match role {
                Role::Q => return (nh * m.qk_dim(), m.q_lora_rank.unwrap_or(h)),
                Role::K => return (m.kv_lora_rank + m.rope_dim, h),
                Role::V => return (nh * (m.nope_dim + m.v_dim), m.kv_lora_rank),
                Role::O => return (h, nh * m.v_dim),
                _ => {}
            }
        }
        match role {
            Role::Q => (qd, h),
            Role::K | Role::V => (kvd, h),
            Role::O => (h, qd),
            Role::Gate | Role::Up => (ff, h),
            Role::Down => (h, ff),
            Role::Qkv => (qd + 2 * kvd, h),
        }
    }

    /// Whether a linear layer carries a bias under `cfg` (Qwen2's q/k/v, CodeGen's MLP).
    pub fn has_bias(&self, cfg: &Config, role: Role) -> bool {
        self.biased.contains(&role) || cfg.qkv_bias && matches!(role, Role::Q | Role::K | Role::V)
    }

    /// The Hugging Face name of a linear layer's `weight` or `bias` in block `layer`.
    pub fn linear_tensor(&self, layer: usize, role: Role, kind: &str) -> String {
        format!(
            "{}.{layer}.{}.{kind}",
            self.blocks.hf,
            self.linear(role).name.hf
        )
    }

    /// The Hugging Face name of a norm's `weight` or `bias` in block `layer`, `None` for the
    /// MLP's norm of a block that has one norm.
    pub fn norm_tensor(&self, layer: usize, norm: Norm, kind: &str) -> Option<String> {
        let name = match norm {
            Norm::Attention => &self.attn_norm,
            Norm::Mlp => self.mlp_norm.as_ref()?,
        };
        Some(format!("{}.{layer}.{}.{kind}", self.blocks.hf, name.hf))
    }

    /// The Hugging Face name of the final norm's `bias`, beside its weight.
    pub fn final_norm_bias(&self) -> String {
        self.final_norm.hf.replace(".weight", ".bias")
    }

    /// The Hugging Face name of the output projection's `bias`.
    pub fn lm_head_bias_tensor(&self) -> String {
        self.lm_head.hf.replace(".weight", ".bias")
    }

    /// The role of the linear layer whose weight a Hugging Face name is, if any.
    pub fn role_of_tensor(&self, hf: &str) -> Option<Role> {
        let (_, rest) = self.split_block(hf)?;
        let path = rest.strip_suffix(".weight")?;
        self.linears
            .iter()
            .find(|l| l.name.hf == path)
            .map(|l| l.role)
    }

    /// llama.cpp's name for a Hugging Face tensor name.
    pub fn gguf_name(&self, hf: &str) -> Option<String> {
        for n in [&self.embed, &self.final_norm, &self.lm_head] {
            if n.hf == hf {
                return Some(n.gguf.to_string());
            }
        }
        let (layer, rest) = self.split_block(hf)?;
        let (path, kind) = rest.rsplit_once('.')?;
        let gguf = std::iter::once(&self.attn_norm)
            .chain(self.mlp_norm.as_ref())
            .chain(self.linears.iter().map(|l| &l.name))
            .find(|n| n.hf == path)?
            .gguf;
        Some(format!("{}.{layer}.{gguf}.{kind}", self.blocks.gguf))
    }

    /// PEFT's name of a LoRA matrix (`a`: A, else B) of a linear layer in block `layer`.
    pub fn peft_tensor(&self, layer: usize, role: Role, a: bool) -> String {
        let which = if a { "lora_A" } else { "lora_B" };
        format!(
            "base_model.model.{}.{layer}.{}.{which}.weight",
            self.blocks.hf,
            self.linear(role).name.hf
        )
    }

    /// `(layer, module, 0 for A / 1 for B)` of a PEFT tensor name (with or without PEFT's
    /// adapter name, `lora_A.default.weight`).
    pub fn parse_peft(&self, name: &str) -> Option<(usize, &'static str, usize)> {
        let (layer, rest) = self.split_block(name.strip_prefix("base_model.model.")?)?;
        self.linears.iter().find_map(|l| {
            let tail = rest.strip_prefix(l.name.hf)?.strip_prefix('.')?;
            let which = match tail.split('.').next()? {
                "lora_A" => 0,
                "lora_B" => 1,
                _ => return None,
            };
            Some((layer, l.module(), which))
        })
    }

    /// `(i, rest)` of a name `<blocks>.<i>.<rest>`.
    fn split_block<'a>(&self, name: &'a str) -> Option<(usize, &'a str)> {
        let rest = name.strip_prefix(self.blocks.hf)?.strip_prefix('.')?;
        let (layer, rest) = rest.split_once('.')?;
        Some((layer.parse().ok()?, rest))
    }
}

#[cfg(test)]
mod tests {
    use super::{Role, LLAMA};

    #[test]
    fn names_round_trip_between_schemes() {
        assert_eq!(
            LLAMA
                .gguf_name("model.layers.3.self_attn.k_proj.bias")
                .as_deref(),
            Some("blk.3.attn_k.bias")
        );
        assert_eq!(
            LLAMA
                .gguf_name("model.layers.0.post_attention_layernorm.weight")
                .as_deref(),
            Some("blk.0.ffn_norm.weight")
        );
        assert_eq!(
            LLAMA.gguf_name("lm_head.weight").as_deref(),
            Some("output.weight")
        );
        assert_eq!(LLAMA.gguf_name("model.layers.0.mlp.fc.weight"), None);
        assert_eq!(
            LLAMA.role_of_tensor(&LLAMA.linear_tensor(5, Role::K, "weight")),
            Some(Role::K)
        );
    }

    #[test]
    fn peft_names_parse_back() {
        for role in [Role::Q, Role::Down] {
            let name = LLAMA.peft_tensor(12, role, false);
            let module = LLAMA.linear(role).module();
            assert_eq!(LLAMA.parse_peft(&name), Some((12, module, 1)));
        }
        assert_eq!(
            LLAMA.parse_peft("base_model.model.model.layers.0.mlp.down_proj.lora_A.default.weight"),
            Some((0, "down_proj", 0))
        );
        assert_eq!(LLAMA.parse_peft("base_model.model.lm_head.weight"), None);
    }
}
