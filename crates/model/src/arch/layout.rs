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
    /// The norms before attention and before the MLP, inside a block.
    pub attn_norm: Name,
    pub mlp_norm: Name,
    pub linears: &'static [LinearSpec],
    /// The modules LoRA targets when none are named: the attention's input projections,
    /// as in the paper.
    pub default_targets: &'static [&'static str],
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
    mlp_norm: Name {
        hf: "post_attention_layernorm",
        gguf: "ffn_norm",
    },
    linears: &[
        LinearSpec {
            role: Role::Q,
            name: Name {
                hf: "self_attn.q_proj",
                gguf: "attn_q",
            },
        },
        LinearSpec {
            role: Role::K,
            name: Name {
                hf: "self_attn.k_proj",
                gguf: "attn_k",
            },
        },
        LinearSpec {
            role: Role::V,
            name: Name {
                hf: "self_attn.v_proj",
                gguf: "attn_v",
            },
        },
        LinearSpec {
            role: Role::O,
            name: Name {
                hf: "self_attn.o_proj",
                gguf: "attn_output",
            },
        },
        LinearSpec {
            role: Role::Gate,
            name: Name {
                hf: "mlp.gate_proj",
                gguf: "ffn_gate",
            },
        },
        LinearSpec {
            role: Role::Up,
            name: Name {
                hf: "mlp.up_proj",
                gguf: "ffn_up",
            },
        },
        LinearSpec {
            role: Role::Down,
            name: Name {
                hf: "mlp.down_proj",
                gguf: "ffn_down",
            },
        },
    ],
    default_targets: &["q_proj", "k_proj", "v_proj"],
};

/// Which of a block's norms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Norm {
    Attention,
    Mlp,
}

impl Layout {
    pub fn linear(&self, role: Role) -> &LinearSpec {
        self.linears
            .iter()
            .find(|l| l.role == role)
            .expect("a layout names every role")
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
        match role {
            Role::Q => (qd, h),
            Role::K | Role::V => (kvd, h),
            Role::O => (h, qd),
            Role::Gate | Role::Up => (ff, h),
            Role::Down => (h, ff),
        }
    }

    /// Whether a linear layer carries a bias under `cfg` (Qwen2's q/k/v).
    pub fn has_bias(&self, cfg: &Config, role: Role) -> bool {
        cfg.qkv_bias && matches!(role, Role::Q | Role::K | Role::V)
    }

    /// The Hugging Face name of a linear layer's `weight` or `bias` in block `layer`.
    pub fn linear_tensor(&self, layer: usize, role: Role, kind: &str) -> String {
        format!(
            "{}.{layer}.{}.{kind}",
            self.blocks.hf,
            self.linear(role).name.hf
        )
    }

    /// The Hugging Face name of a norm's weight in block `layer`.
    pub fn norm_tensor(&self, layer: usize, norm: Norm) -> String {
        let name = match norm {
            Norm::Attention => &self.attn_norm,
            Norm::Mlp => &self.mlp_norm,
        };
        format!("{}.{layer}.{}.weight", self.blocks.hf, name.hf)
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
        let gguf = [&self.attn_norm, &self.mlp_norm]
            .into_iter()
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
