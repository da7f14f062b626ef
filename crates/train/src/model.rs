//! The differentiable forward pass for training: the same decoder-only transformer as the
//! runtime (`hexacoder_model::forward`, same `Config`, same Hugging Face weight names), built
//! from candle's composed ops only — candle's fused `softmax_last_dim`, `rms_norm` and `rope`
//! kernels have no backward and would silently stop gradients (see RUNTIME-NOTES). The base
//! weights are frozen f32 tensors (GGUF dequantized exactly); only LoRA A/B are variables.

use std::sync::Arc;

use candle_core::{DType, Device, Tensor, D};
use hexacoder_model::arch::deepseek_v2::{Mla, MlaPart, Moe};
use hexacoder_model::arch::layout::Norm;
use hexacoder_model::arch::{Activation, Config, Residual, Role};
use hexacoder_model::weights::TensorData;

use crate::block::{Block, BlockWeights, Dims, LoraSlot, ROLES};
use crate::error::{Result, TrainError};
use crate::lora::{LoraSet, LoraVars};
use crate::ops::{
    dropout_mask, frozen_matmul, swiglu, CausalSoftmax, Dropout, Frozen, PickedLogProb, RmsNorm,
    RopeHeads,
};

/// How the frozen base's linear layers are held and multiplied.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BasePrecision {
    /// f32 tensors (the GGUF dequantized exactly) through candle's GEMM: the reference.
    #[default]
    F32,
    /// bf16 copies packed for AMX tiles (`crate::amx`), f32 accumulation: about 4× the GEMM
    /// speed where the CPU has AMX, at bf16's rounding of weights and activations.
    Bf16,
}

impl BasePrecision {
    /// bf16 where it runs (a CPU with AMX), else f32.
    pub fn auto(device: &Device) -> BasePrecision {
        if device.is_cpu() && crate::amx::available() {
            BasePrecision::Bf16
        } else {
            BasePrecision::F32
        }
    }
}

impl std::fmt::Display for BasePrecision {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            BasePrecision::F32 => "f32",
            BasePrecision::Bf16 => "bf16",
        })
    }
}

/// A norm's scale and (LayerNorm) shift.
struct NormT {
    weight: Tensor,
    bias: Option<Tensor>,
}

struct Layer {
    attn_norm: NormT,
    q: Frozen,
    k: Frozen,
    v: Frozen,
    o: Frozen,
    /// Biases by role (`Q, K, V, O, Up, Down`), where the family has them.
    bias: [Option<Tensor>; 6],
    /// `None` in a parallel block (the attention's norm feeds the MLP).
    mlp_norm: Option<NormT>,
    /// `None` in an MLP without a gate (GELU).
    gate: Option<Frozen>,
    up: Frozen,
    down: Frozen,
    /// The same weights for the fused block (`crate::block`), for Llama's block only.
    fused: Option<Arc<BlockWeights>>,
    /// Latent attention's latent norm (DeepSeek-V2: `q`, `k`, `v` are `q_proj`,
    /// `kv_a_proj_with_mqa`, `kv_b_proj`).
    mla: Option<Tensor>,
    /// Routed experts (DeepSeek-V2: `gate`, `up`, `down` are the shared experts).
    moe: Option<MoeT>,
}

/// A mixture of experts' frozen router (`hidden × experts`, transposed) and experts.
struct MoeT {
    router: Tensor,
    experts: Vec<[Frozen; 3]>,
}

/// Where each role's bias sits in [`Layer::bias`].
const BIASED: [Role; 6] = [Role::Q, Role::K, Role::V, Role::O, Role::Up, Role::Down];

fn bias_slot(role: Role) -> usize {
    BIASED
        .iter()
        .position(|&r| r == role)
        .expect("a biased role")
}

pub struct TrainModel {
    pub config: Config,
    pub device: Device,
    embed: Tensor,
    layers: Vec<Layer>,
    norm: NormT,
    /// The output layer (`hidden → vocab`) and its bias (CodeGen).
    head: Frozen,
    head_bias: Option<Tensor>,
    /// A fused q/k/v family's row order (`Layout::qkv_order`), as indices into a fused
    /// adapter's output, so a `qkv_proj` LoRA update lands on the split q, k and v.
    qkv_order: Option<Tensor>,
    /// Layers whose rows the loader reordered (latent attention's q and kv_a), with the
    /// stored row of each runtime row, so their LoRA updates (in PEFT's row order) land alike.
    row_orders: Vec<(Role, Tensor)>,
    pub base: BasePrecision,
    /// On the CPU, run each decoder block as one op with its own backward (`crate::block`);
    /// off, the blocks are composed from candle ops (the reference the fused op is tested
    /// against, and the path on other devices).
    pub fused: bool,
    /// Use the trainer's own CPU ops (rotary, RMSNorm, causal softmax, picked log-probability);
    /// off, the composed candle ops every device runs, so the tests check the GPU path's
    /// arithmetic on the CPU.
    pub cpu_ops: bool,
    /// Activation checkpointing (fused blocks only): keep no activations of a block between
    /// forward and backward, and compute them again in the backward.
    pub checkpoint: bool,
}

impl TrainModel {
    /// Load a model spec (installed name, GGUF file, HF folder or repo id) as f32 tensors.
    pub fn load(spec: &str, device: &Device) -> Result<TrainModel> {
        TrainModel::load_with(spec, device, BasePrecision::F32)
    }

    /// Load a model spec with the base's linear layers held as `base` says.
    pub fn load_with(spec: &str, device: &Device, base: BasePrecision) -> Result<TrainModel> {
        if base == BasePrecision::Bf16 && !(device.is_cpu() && crate::amx::available()) {
            return Err(TrainError::invalid(
                "base precision",
                "bf16 needs a CPU with AMX (and Linux's permission for its tiles); use f32",
            ));
        }
        crate::memory::keep_freed_memory();
        let (config, mut src, _) = hexacoder_model::model::open_weights(spec)?;
        if config.moe.is_some_and(|m| m.normalise) {
            return Err(TrainError::invalid(
                format!("architecture `{}`", config.arch),
                "the trainer does not implement renormalised expert weights (norm_topk_prob) yet",
            ));
        }
        if config.mla.is_some_and(|m| m.q_lora_rank.is_some()) {
            return Err(TrainError::invalid(
                format!("architecture `{}`", config.arch),
                "the trainer does not implement the low-rank query path (q_lora_rank) yet",
            ));
        }
        // The fused CPU block is written for Llama's; other families train on composed ops.
        let llama_block = config
            .require_llama_block("the fused training block")
            .is_ok();
        let mut values = |name: &str, shape: &[usize]| -> Result<Vec<f32>> {
            let data = src.tensor(name)?.ok_or_else(|| {
                TrainError::invalid(name.to_string(), format!("missing from {}", src.describe()))
            })?;
            let (values, got) = match data {
                TensorData::Dense(v, s) => (v, s),
                TensorData::Quant(q) => (q.dequantize(), vec![q.rows(), q.cols()]),
            };
            if got.iter().product::<usize>() != shape.iter().product::<usize>() {
                return Err(TrainError::invalid(
                    name.to_string(),
                    format!("shape {got:?}, expected {shape:?}"),
                ));
            }
            Ok(values)
        };
        // A frozen linear layer from its `out × in` weight.
        let frozen = |w: Vec<f32>, out: usize, inp: usize| -> Result<Frozen> {
            Ok(match base {
                BasePrecision::F32 => Frozen::f32(Tensor::from_vec(w, (out, inp), device)?.t()?),
                BasePrecision::Bf16 => Frozen::bf16(&w, out, inp),
            })
        };
        let c = &config;
        let names = c.layout;
        let h = c.hidden_size;
        let embed_values = values(names.embed.hf, &[c.vocab_size, h])?;
        let (embed, head) = if c.tie_embeddings {
            let embed = Tensor::from_vec(embed_values, (c.vocab_size, h), device)?;
            let head = match base {
                // A transposed view: the matmul reads it strided, no second copy.
                BasePrecision::F32 => Frozen::F32(embed.t()?),
                BasePrecision::Bf16 => {
                    Frozen::bf16(&embed.flatten_all()?.to_vec1()?, c.vocab_size, h)
                }
            };
            (embed, head)
        } else {
            let embed = Tensor::from_vec(embed_values, (c.vocab_size, h), device)?;
            let head = values(names.lm_head.hf, &[c.vocab_size, h])?;
            (embed, frozen(head, c.vocab_size, h)?)
        };
        let tensor = |v: Vec<f32>, shape: &[usize]| Tensor::from_vec(v, shape, device);
        let layer_norm = c.block.norm == hexacoder_model::arch::Norm::Layer;
        let norm = NormT {
            weight: tensor(values(names.final_norm.hf, &[h])?, &[h])?,
            bias: if layer_norm {
                Some(tensor(values(&names.final_norm_bias(), &[h])?, &[h])?)
            } else {
                None
            },
        };
        let head_bias = if names.lm_head_bias {
            let b = values(&names.lm_head_bias_tensor(), &[c.vocab_size])?;
            Some(tensor(b, &[c.vocab_size])?)
        } else {
            None
        };
        let order = names.qkv_order(c);
        let mut layers = Vec::with_capacity(c.num_layers);
        for i in 0..c.num_layers {
            // One closure reads tensors, so the expert and latent parts below can use it too.
            let spec = |role: Role| {
                let (rows, cols) = names.shape(c, role);
                (names.linear_tensor(i, role, "weight"), [rows, cols])
            };
            macro_rules! weight {
                ($role:expr) => {{
                    let (name, shape) = spec($role);
                    values(&name, &shape)
                }};
            }
            // Rows a loader reorders (latent attention's rotary parts into the halves layout).
            let reorder = |w: Vec<f32>, role: Role| -> Vec<f32> {
                match c.mla.as_ref() {
                    Some(m) if matches!(role, Role::Q | Role::K) => {
                        let cols = names.shape(c, role).1;
                        let order = if role == Role::Q {
                            m.q_order(c.num_heads)
                        } else {
                            m.kv_a_order()
                        };
                        order
                            .iter()
                            .flat_map(|&r| w[r * cols..(r + 1) * cols].iter().copied())
                            .collect()
                    }
                    _ => w,
                }
            };
            let [wq, wk, wv] = match &order {
                None => [
                    reorder(weight!(Role::Q)?, Role::Q),
                    reorder(weight!(Role::K)?, Role::K),
                    weight!(Role::V)?,
                ],
                Some(order) => {
                    // Rows into `[q | k | v]` with the rotary pairs in the halves layout, as
                    // the runtime's loader splits them.
                    let fused = weight!(Role::Qkv)?;
                    let cols = h;
                    let rows: Vec<f32> = order
                        .iter()
                        .flat_map(|&r| fused[r * cols..(r + 1) * cols].iter().copied())
                        .collect();
                    let (qd, kvd) = (c.q_dim() * cols, c.kv_dim() * cols);
                    [
                        rows[..qd].to_vec(),
                        rows[qd..qd + kvd].to_vec(),
                        rows[qd + kvd..].to_vec(),
                    ]
                }
            };
            let frozen_of = |w: Vec<f32>, role: Role| {
                let (rows, cols) = names.shape(c, role);
                frozen(w, rows, cols)
            };
            let (q, k, v) = (
                frozen_of(wq, Role::Q)?,
                frozen_of(wk, Role::K)?,
                frozen_of(wv, Role::V)?,
            );
            let o = frozen_of(weight!(Role::O)?, Role::O)?;
            let mla = match &c.mla {
                Some(m) => {
                    let name = Mla::tensor(i, MlaPart::KvNorm);
                    let r = m.kv_lora_rank;
                    Some(tensor(values(&name, &[r])?, &[r])?)
                }
                None => None,
            };
            let (gate, up, down, moe) = match &c.moe {
                Some(m) if m.routes(i) => {
                    let mut mlp = |expert: Option<usize>, ff: usize| -> Result<[Frozen; 3]> {
                        let mut part = |role: Role, rows: usize, cols: usize| {
                            let name = Moe::expert_tensor(i, expert, role);
                            frozen(values(&name, &[rows, cols])?, rows, cols)
                        };
                        Ok([
                            part(Role::Gate, ff, h)?,
                            part(Role::Up, ff, h)?,
                            part(Role::Down, h, ff)?,
                        ])
                    };
                    let [g, u, d] = mlp(None, m.shared * m.expert_ff)?;
                    let experts = (0..m.experts)
                        .map(|e| mlp(Some(e), m.expert_ff))
                        .collect::<Result<Vec<_>>>()?;
                    let router = values(&Moe::router_tensor(i), &[m.experts, h])?;
                    let router = Tensor::from_vec(router, (m.experts, h), device)?.t()?;
                    (Some(g), u, d, Some(MoeT { router, experts }))
                }
                _ => {
                    let gate = if names.has(Role::Gate) {
                        Some(frozen_of(weight!(Role::Gate)?, Role::Gate)?)
                    } else {
                        None
                    };
                    let up = frozen_of(weight!(Role::Up)?, Role::Up)?;
                    let down = frozen_of(weight!(Role::Down)?, Role::Down)?;
                    (gate, up, down, None)
                }
            };
            let mut bias: [Option<Tensor>; 6] = Default::default();
            for (slot, role) in bias.iter_mut().zip(BIASED) {
                if names.has_bias(c, role) {
                    let len = names.shape(c, role).0;
                    let v = values(&names.linear_tensor(i, role, "bias"), &[len])?;
                    *slot = Some(tensor(v, &[len])?);
                }
            }
            let mut norm_of = |which: Norm| -> Result<Option<(Vec<f32>, Option<Tensor>)>> {
                let Some(name) = names.norm_tensor(i, which, "weight") else {
                    return Ok(None);
                };
                let bias = match names.norm_tensor(i, which, "bias") {
                    Some(b) if layer_norm => Some(tensor(values(&b, &[h])?, &[h])?),
                    _ => None,
                };
                Ok(Some((values(&name, &[h])?, bias)))
            };
            let (attn_norm, attn_bias) =
                norm_of(Norm::Attention)?.expect("every block has an attention norm");
            let mlp = norm_of(Norm::Mlp)?;
            let fused = match (&mlp, &gate) {
                (Some((mlp_norm, _)), Some(gate)) if llama_block => Some(Arc::new(BlockWeights {
                    attn_norm: attn_norm.clone(),
                    mlp_norm: mlp_norm.clone(),
                    linear: [
                        q.clone(),
                        k.clone(),
                        v.clone(),
                        o.clone(),
                        gate.clone(),
                        up.clone(),
                        down.clone(),
                    ],
                    bias: [&bias[0], &bias[1], &bias[2]]
                        .map(|b| b.as_ref().map(|t| t.to_vec1::<f32>()).transpose())
                        .into_iter()
                        .collect::<candle_core::Result<Vec<_>>>()?
                        .try_into()
                        .map_err(|_| TrainError::invalid("biases", "three"))?,
                })),
                _ => None,
            };
            layers.push(Layer {
                fused,
                mla,
                moe,
                bias,
                attn_norm: NormT {
                    weight: tensor(attn_norm, &[h])?,
                    bias: attn_bias,
                },
                mlp_norm: mlp
                    .map(|(w, b)| {
                        Ok::<_, TrainError>(NormT {
                            weight: tensor(w, &[h])?,
                            bias: b,
                        })
                    })
                    .transpose()?,
                q,
                k,
                v,
                o,
                gate,
                up,
                down,
            });
        }
        let index = |o: Vec<usize>| -> Result<Tensor> {
            let o: Vec<u32> = o.into_iter().map(|r| r as u32).collect();
            let n = o.len();
            Ok(Tensor::from_vec(o, n, device)?)
        };
        let row_orders = match &c.mla {
            Some(m) => vec![
                (Role::Q, index(m.q_order(c.num_heads))?),
                (Role::K, index(m.kv_a_order())?),
            ],
            None => Vec::new(),
        };
        let qkv_order = order
            .map(|o| {
                let o: Vec<u32> = o.into_iter().map(|r| r as u32).collect();
                let n = o.len();
                Tensor::from_vec(o, n, device)
            })
            .transpose()?;
        Ok(TrainModel {
            config,
            device: device.clone(),
            embed,
            layers,
            norm,
            head,
            head_bias,
            qkv_order,
            row_orders,
            base,
            fused: device.is_cpu() && llama_block,
            cpu_ops: device.is_cpu(),
            checkpoint: false,
        })
    }

    /// Logits `(B, T, vocab)` for a batch of equal-length token rows `(B, T)`.
    pub fn forward(&self, ids: &Tensor, lora: &LoraSet) -> Result<Tensor> {
        let (b, t) = ids.dims2()?;
        let hidden = self.forward_inner(ids, lora, None)?;
        Ok(self
            .output(&hidden)?
            .reshape((b, t, self.config.vocab_size))?)
    }

    /// The output layer over final hidden states (with CodeGen's bias).
    fn output(&self, hidden: &Tensor) -> Result<Tensor> {
        let logits = frozen_matmul(hidden, &self.head)?;
        Ok(match &self.head_bias {
            Some(b) => logits.broadcast_add(b)?,
            None => logits,
        })
    }

    /// The final hidden states `(B·T, hidden)`, after the last norm; LoRA dropout `p` on the
    /// adapters' inputs (as PEFT applies it) with masks drawn from `seed`, so a resumed run
    /// repeats them.
    fn forward_inner(
        &self,
        ids: &Tensor,
        lora: &LoraSet,
        dropout: Option<(f32, u64)>,
    ) -> Result<Tensor> {
        let c = &self.config;
        let (b, t) = ids.dims2()?;
        let (hd, heads, kvh) = (c.head_dim, c.num_heads, c.num_kv_heads);
        let mut x = self.embed.index_select(&ids.flatten_all()?, 0)?; // (B·T, H)
        if c.embed_scale != 1.0 {
            x = (x * f64::from(c.embed_scale))?;
        }
        if let Some(added) = hexacoder_model::arch::positions::added_table(c, t) {
            // The same rows for every sequence of the batch (they all start at position 0).
            let added = Tensor::from_vec(added, (1, t, c.hidden_size), &self.device)?;
            x = x
                .reshape((b, t, c.hidden_size))?
                .broadcast_add(&added)?
                .reshape((b * t, c.hidden_size))?;
        }
        let (cos, sin) = self.rope_tables(t);
        let cpu = self.cpu_ops;
        let rd = c.rotary_dim;
        let rope = |x: &Tensor, n: usize| -> Result<Tensor> {
            if rd == 0 {
                return Ok(x.reshape((b, t, n, hd))?.transpose(1, 2)?.contiguous()?);
            }
            if cpu && rd == hd {
                let op = RopeHeads {
                    b,
                    t,
                    heads: n,
                    d: hd,
                    cos: cos.clone(),
                    sin: sin.clone(),
                };
                return Ok(x.contiguous()?.apply_op1(op)?);
            }
            let x = x.reshape((b, t, n, hd))?.transpose(1, 2)?.contiguous()?;
            let cos = Tensor::from_slice(&cos, (t, rd), &self.device)?;
            let sin = Tensor::from_slice(&sin, (t, rd), &self.device)?;
            if rd == hd {
                return rope_composed(&x, &cos, &sin);
            }
            // Partial rotary: the first `rd` dimensions turn, the rest pass.
            let turned = rope_composed(&x.narrow(D::Minus1, 0, rd)?, &cos, &sin)?;
            Ok(Tensor::cat(
                &[&turned, &x.narrow(D::Minus1, rd, hd - rd)?],
                D::Minus1,
            )?)
        };
        // Grouped-query attention without repeating K and V: the `n` query heads that share a
        // kv head are adjacent, so `(B, H, T, d)` queries are `(B, KV, n·T, d)` rows against
        // that head's `(B, KV, T, d)` keys; query row `r` of a group is position `r mod T`.
        let group = heads / kvh;
        let mask = if cpu {
            None
        } else {
            Some(causal_mask(t, group, &self.device)?)
        };
        if cpu && self.fused && self.layers.iter().all(|l| l.fused.is_some()) {
            for (i, l) in self.layers.iter().enumerate() {
                x = self.fused_block(i, l, &x, lora, dropout, b, t, &cos, &sin)?;
            }
            return self.norm.apply(c, &x, cpu);
        }
        for (i, l) in self.layers.iter().enumerate() {
            let pair = |m: &str| {
                lora.pairs.get(&(i, m.to_string())).map(|l| {
                    let seed = dropout.map(|(_, s)| s ^ ((i as u64) << 32) ^ hash(m));
                    (l, dropout.map(|(p, _)| p), seed)
                })
            };
            let lo = |role: Role| {
                if !c.layout.has(role) {
                    return None;
                }
                pair(c.layout.linear(role).module())
            };
            let bias = |role: Role| l.bias[bias_slot(role)].as_ref();
            // A linear layer whose rows the loader reordered takes its LoRA update reordered.
            let lin = |x: &Tensor, w: &Frozen, role: Role| -> Result<Tensor> {
                match self.row_orders.iter().find(|(r, _)| *r == role) {
                    Some((_, order)) => {
                        let y = linear(x, w, bias(role), None)?;
                        Ok(match lora_update(x, lo(role))? {
                            Some(up) => (y + up.index_select(order, 1)?)?,
                            None => y,
                        })
                    }
                    None => linear(x, w, bias(role), lo(role)),
                }
            };
            let xn = l.attn_norm.apply(c, &x, cpu)?;
            let mut q = lin(&xn, &l.q, Role::Q)?;
            let (mut k, mut v) = match (&l.mla, &c.mla) {
                (Some(kv_norm), Some(m)) => {
                    self.latent_kv(&lin(&xn, &l.k, Role::K)?, kv_norm, m, &lin, &l.v, cpu)?
                }
                _ => (lin(&xn, &l.k, Role::K)?, lin(&xn, &l.v, Role::V)?),
            };
            if let (Some(order), true) = (&self.qkv_order, c.layout.has(Role::Qkv)) {
                // A fused q/k/v adapter: its update in the fused row order, reordered and
                // split as the weight was.
                if let Some(up) = lora_update(&xn, pair(c.layout.linear(Role::Qkv).module()))? {
                    let up = up.index_select(order, 1)?;
                    let (qd, kvd) = (c.q_dim(), c.kv_dim());
                    q = (q + up.narrow(1, 0, qd)?)?;
                    k = (k + up.narrow(1, qd, kvd)?)?;
                    v = (v + up.narrow(1, qd + kvd, kvd)?)?;
                }
            }
            let q = rope(&q, heads)?.reshape((b, kvh, group * t, hd))?;
            let k = rope(&k, kvh)?;
            let v = v.reshape((b, t, kvh, hd))?.transpose(1, 2)?.contiguous()?;
            let scores = q.matmul(&k.t()?)?;
            let scale = f64::from(c.attention_scale());
            let att = match &mask {
                None => scores.apply_op1(CausalSoftmax {
                    scale: scale as f32,
                })?,
                Some(mask) => {
                    candle_nn::ops::softmax(&(scores * scale)?.broadcast_add(mask)?, D::Minus1)?
                }
            };
            let mut y = att
                .matmul(&v)?
                .reshape((b, heads, t, hd))?
                .transpose(1, 2)?
                .reshape((b * t, heads * hd))?;
            if let Some(m) = &c.mla {
                // Values were zero-padded to the key width: keep each head's first v_dim.
                y = y
                    .reshape((b * t, heads, hd))?
                    .narrow(2, 0, m.v_dim)?
                    .reshape((b * t, heads * m.v_dim))?;
            }
            x = (x + linear(&y, &l.o, bias(Role::O), lo(Role::O))?)?;
            // A parallel block's MLP reads the attention's normed input.
            let xn = match (c.block.residual, &l.mlp_norm) {
                (Residual::Sequential, Some(n)) => n.apply(c, &x, cpu)?,
                _ => xn,
            };
            if let (Some(routed), Some(m)) = (&l.moe, &c.moe) {
                x = (x + self.experts(&xn, l, routed, m)?)?;
                continue;
            }
            let u = linear(&xn, &l.up, bias(Role::Up), lo(Role::Up))?;
            let act = match &l.gate {
                Some(gate) => swiglu(&linear(&xn, gate, None, lo(Role::Gate))?, &u)?,
                None if c.block.activation == Activation::GeluErf => u.gelu_erf()?,
                // candle's `gelu` is the tanh form, with its backward.
                None => u.gelu()?,
            };
            x = (x + linear(&act, &l.down, bias(Role::Down), lo(Role::Down))?)?;
        }
        self.norm.apply(c, &x, cpu)
    }

    /// Latent attention's keys and values from `kv_a` (the input's latent and shared rotary
    /// part): the latent RMS-normed and expanded by `kv_b_proj` into each head's unrotated
    /// key part and value; each key `[rotary | nope]`, each value zero-padded to the key width
    /// (as the runtime keeps them, so the attention below serves every family).
    #[allow(clippy::too_many_arguments)]
    fn latent_kv(
        &self,
        kv_a: &Tensor,
        kv_norm: &Tensor,
        m: &hexacoder_model::arch::deepseek_v2::Mla,
        lin: &dyn Fn(&Tensor, &Frozen, Role) -> Result<Tensor>,
        kv_b: &Frozen,
        cpu: bool,
    ) -> Result<(Tensor, Tensor)> {
        let c = &self.config;
        let (n, nh, qk) = (kv_a.dim(0)?, c.num_heads, m.qk_dim());
        let latent = kv_a.narrow(1, 0, m.kv_lora_rank)?.contiguous()?;
        let rope = kv_a.narrow(1, m.kv_lora_rank, m.rope_dim)?;
        let normed = rms_norm(&latent, kv_norm, c.rms_eps, cpu)?;
        let expanded = lin(&normed, kv_b, Role::V)?.reshape((n, nh, m.nope_dim + m.v_dim))?;
        let rope = rope.unsqueeze(1)?.broadcast_as((n, nh, m.rope_dim))?;
        let k = Tensor::cat(&[&rope, &expanded.narrow(2, 0, m.nope_dim)?], 2)?;
        let value = expanded.narrow(2, m.nope_dim, m.v_dim)?;
        let pad = Tensor::zeros((n, nh, qk - m.v_dim), DType::F32, kv_a.device())?;
        let v = Tensor::cat(&[&value, &pad], 2)?;
        Ok((k.reshape((n, nh * qk))?, v.reshape((n, nh * qk))?))
    }

    /// The mixture of experts on the normed rows `xn`: the shared experts on every row plus
    /// each row's routed experts, weighted by the softmax router's (differentiable) scores;
    /// the choice of experts itself is made on their values, as in transformers.
    fn experts(
        &self,
        xn: &Tensor,
        l: &Layer,
        routed: &MoeT,
        m: &hexacoder_model::arch::deepseek_v2::Moe,
    ) -> Result<Tensor> {
        let swiglu_mlp = |x: &Tensor, [g, u, d]: [&Frozen; 3]| -> Result<Tensor> {
            let gate = frozen_matmul(x, g)?;
            let up = frozen_matmul(x, u)?;
            frozen_matmul(&swiglu(&gate, &up)?, d)
        };
        let gate = l
            .gate
            .as_ref()
            .expect("a mixture of experts has shared experts");
        let mut out = swiglu_mlp(xn, [gate, &l.up, &l.down])?;
        let logits = xn.matmul(&routed.router)?;
        let scores = candle_nn::ops::softmax(&logits, D::Minus1)?;
        let values: Vec<Vec<f32>> = logits.to_vec2()?;
        let mut rows: Vec<Vec<(u32, u32)>> = vec![Vec::new(); m.experts];
        for (r, row) in values.iter().enumerate() {
            for (e, _) in m.route(row) {
                rows[e].push((r as u32, (r * m.experts + e) as u32));
            }
        }
        let flat = scores.flatten_all()?;
        for (e, picked) in rows.iter().enumerate().filter(|(_, r)| !r.is_empty()) {
            let idx: Vec<u32> = picked.iter().map(|p| p.0).collect();
            let at: Vec<u32> = picked.iter().map(|p| p.1).collect();
            let k = idx.len();
            let idx = Tensor::from_vec(idx, k, xn.device())?;
            let w = (flat.index_select(&Tensor::from_vec(at, k, xn.device())?, 0)?
                * f64::from(m.scaling))?;
            let [g, u, d] = &routed.experts[e];
            let y = swiglu_mlp(&xn.index_select(&idx, 0)?, [g, u, d])?;
            out = out.index_add(&idx, &y.broadcast_mul(&w.unsqueeze(1)?)?, 0)?;
        }
        Ok(out)
    }

    /// SafeCoder's unlikelihood term on a batch of vulnerable programs: the mean over their
    /// weighted tokens (those the fix removed) of `−log(1 − p(token))`.
    pub fn unlikelihood(
        &self,
        ids: &Tensor,
        weights: &Tensor,
        lora: &LoraSet,
        dropout: Option<(f32, u64)>,
    ) -> Result<Tensor> {
        self.weighted_term(ids, weights, lora, dropout, true)
    }

    /// The masked loss of a batch, computing logits only at the positions that count (the
    /// changed tokens are a small share of a program, and the output layer is the largest
    /// matrix): equal to [`masked_loss`] on [`TrainModel::forward`].
    pub fn loss(
        &self,
        ids: &Tensor,
        weights: &Tensor,
        lora: &LoraSet,
        dropout: Option<(f32, u64)>,
    ) -> Result<Tensor> {
        self.weighted_term(ids, weights, lora, dropout, false)
    }

    fn weighted_term(
        &self,
        ids: &Tensor,
        weights: &Tensor,
        lora: &LoraSet,
        dropout: Option<(f32, u64)>,
        unlikely: bool,
    ) -> Result<Tensor> {
        let (b, t) = ids.dims2()?;
        let hidden = self.forward_inner(ids, lora, dropout.filter(|(p, _)| *p > 0.0))?;
        let w: Vec<Vec<f32>> = weights.to_vec2()?;
        let labels_all: Vec<Vec<u32>> = ids.to_vec2()?;
        let (mut rows, mut labels, mut ws) = (Vec::new(), Vec::new(), Vec::new());
        for r in 0..b {
            for p in 0..t - 1 {
                if w[r][p + 1] > 0.0 {
                    rows.push((r * t + p) as u32);
                    labels.push(labels_all[r][p + 1]);
                    ws.push(w[r][p + 1]);
                }
            }
        }
        if rows.is_empty() {
            return Err(TrainError::invalid(
                "batch",
                "no weighted token to compute a loss on",
            ));
        }
        let n = rows.len();
        let picked = hidden.index_select(&Tensor::from_vec(rows, n, &self.device)?, 0)?;
        let logits = self.output(&picked)?;
        let picked = if self.cpu_ops {
            logits.contiguous()?.apply_op1(PickedLogProb {
                labels: Arc::new(labels),
            })?
        } else {
            candle_nn::ops::log_softmax(&logits, D::Minus1)?
                .gather(&Tensor::from_vec(labels, (n, 1), &self.device)?, 1)?
                .squeeze(1)?
        };
        let nll = if unlikely {
            // −log(1 − p), with 1 − p kept above 1e-6 so a certain token gives a finite loss.
            picked
                .exp()?
                .affine(-1.0, 1.0)?
                .clamp(1e-6, 1.0)?
                .log()?
                .neg()?
        } else {
            picked.neg()?
        };
        let w = Tensor::from_vec(ws, n, &self.device)?;
        let total = w.sum_all()?;
        Ok(((nll * &w)?.sum_all()? / total)?)
    }

    /// Layer `i` as one op (`crate::block`): its LoRA matrices go in as one flat tensor made by
    /// `cat`, so candle hands each `Var` its part of the op's gradient.
    #[allow(clippy::too_many_arguments)]
    fn fused_block(
        &self,
        i: usize,
        l: &Layer,
        x: &Tensor,
        lora: &LoraSet,
        dropout: Option<(f32, u64)>,
        b: usize,
        t: usize,
        cos: &Arc<Vec<f32>>,
        sin: &Arc<Vec<f32>>,
    ) -> Result<Tensor> {
        let c = &self.config;
        let mut parts = Vec::new();
        let mut slots = [None; ROLES];
        let mut offset = 0;
        for (slot, role) in slots.iter_mut().zip(Role::ALL) {
            let m = c.layout.linear(role).module();
            let Some(l) = lora.pairs.get(&(i, m.to_string())) else {
                continue;
            };
            let (a, bm) = (l.a.as_tensor(), l.b.as_tensor());
            let rank = a.dims()[0];
            *slot = Some(LoraSlot {
                offset,
                rank,
                scale: l.scale,
                dropout: dropout.map(|(p, s)| (p, s ^ ((i as u64) << 32) ^ hash(m))),
            });
            offset += a.elem_count() + bm.elem_count();
            parts.push(a.flatten_all()?);
            parts.push(bm.flatten_all()?);
        }
        let params = if parts.is_empty() {
            Tensor::zeros(1, DType::F32, &self.device)?
        } else {
            Tensor::cat(&parts, 0)?
        };
        let dims = Dims {
            b,
            t,
            hidden: c.hidden_size,
            heads: c.num_heads,
            kv_heads: c.num_kv_heads,
            head_dim: c.head_dim,
            ffn: c.intermediate_size,
            eps: c.rms_eps,
        };
        let op = Block::new(
            l.fused
                .clone()
                .expect("fused blocks only for Llama's block"),
            slots,
            dims,
            cos.clone(),
            sin.clone(),
            self.checkpoint,
        );
        Ok(x.contiguous()?.apply_op2(&params, op)?)
    }

    /// cos/sin `(T, head_dim)` for positions 0..T: the runtime's one RoPE.
    fn rope_tables(&self, t: usize) -> (Arc<Vec<f32>>, Arc<Vec<f32>>) {
        let (cos, sin) = hexacoder_model::arch::rope::tables(&self.config, t);
        (Arc::new(cos), Arc::new(sin))
    }
}

/// A LoRA pair with its dropout probability and mask seed (when training).
type LoraUse<'a> = (&'a LoraVars, Option<f32>, Option<u64>);

fn hash(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

/// `x·Wᵀ (+ b) (+ scale·dropout(x)·Aᵀ·Bᵀ)` with `wt = Wᵀ`.
fn linear(x: &Tensor, wt: &Frozen, bias: Option<&Tensor>, lora: Option<LoraUse>) -> Result<Tensor> {
    let mut y = frozen_matmul(x, wt)?;
    if let Some(b) = bias {
        y = y.broadcast_add(b)?;
    }
    if let Some(up) = lora_update(x, lora)? {
        y = (y + up)?;
    }
    Ok(y)
}

/// A LoRA pair's update `scale·dropout(x)·Aᵀ·Bᵀ`, `None` without a pair.
fn lora_update(x: &Tensor, lora: Option<LoraUse>) -> Result<Option<Tensor>> {
    if let Some((l, p, seed)) = lora {
        let input = match (p, seed) {
            (Some(p), Some(seed)) if x.device().is_cpu() => {
                x.contiguous()?.apply_op1(Dropout { p, seed })?
            }
            (Some(p), Some(seed)) => {
                (x * Tensor::from_vec(
                    dropout_mask(x.elem_count(), p, seed),
                    x.shape(),
                    x.device(),
                )?)?
            }
            _ => x.clone(),
        };
        let up = input
            .matmul(&l.a.as_tensor().t()?)?
            .matmul(&l.b.as_tensor().t()?)?;
        return Ok(Some((up * f64::from(l.scale))?));
    }
    Ok(None)
}

impl NormT {
    /// RMSNorm or LayerNorm over the last dimension, as the architecture says (RMSNorm as
    /// the trainer's CPU op when `cpu_ops`).
    fn apply(&self, c: &Config, x: &Tensor, cpu_ops: bool) -> Result<Tensor> {
        match c.block.norm {
            hexacoder_model::arch::Norm::Rms => rms_norm(x, &self.weight, c.rms_eps, cpu_ops),
            hexacoder_model::arch::Norm::Layer => {
                layer_norm(x, &self.weight, self.bias.as_ref(), c.rms_eps)
            }
        }
    }
}

/// LayerNorm over the last dimension from composed ops (which carry their backward):
/// `(x − mean) / sqrt(var + eps) · g (+ b)`, the biased variance as PyTorch's.
fn layer_norm(x: &Tensor, g: &Tensor, b: Option<&Tensor>, eps: f32) -> Result<Tensor> {
    let centred = x.broadcast_sub(&x.mean_keepdim(D::Minus1)?)?;
    let var = centred.sqr()?.mean_keepdim(D::Minus1)?;
    let y = centred
        .broadcast_div(&(var + f64::from(eps))?.sqrt()?)?
        .broadcast_mul(g)?;
    Ok(match b {
        Some(b) => y.broadcast_add(b)?,
        None => y,
    })
}

/// RMSNorm over the last dimension (a custom op on the CPU, composed ops elsewhere; candle's
/// fused `rms_norm` has no backward).
fn rms_norm(x: &Tensor, g: &Tensor, eps: f32, cpu_ops: bool) -> Result<Tensor> {
    if cpu_ops {
        return Ok(x.contiguous()?.apply_op1(RmsNorm { g: g.clone(), eps })?);
    }
    let ms = x.sqr()?.mean_keepdim(D::Minus1)?;
    Ok(x.broadcast_div(&(ms + f64::from(eps))?.sqrt()?)?
        .broadcast_mul(g)?)
}

/// Rotary embedding, halves layout: `x·cos + rotate_half(x)·sin` (composed, off the CPU).
fn rope_composed(x: &Tensor, cos: &Tensor, sin: &Tensor) -> Result<Tensor> {
    let hd = x.dim(D::Minus1)?;
    let x1 = x.narrow(D::Minus1, 0, hd / 2)?;
    let x2 = x.narrow(D::Minus1, hd / 2, hd / 2)?;
    let rotated = Tensor::cat(&[&x2.neg()?, &x1], D::Minus1)?;
    Ok((x.broadcast_mul(cos)? + rotated.broadcast_mul(sin)?)?)
}

/// The additive causal mask of `n` stacked groups of `T` query rows: `(n·T, T)`.
fn causal_mask(t: usize, n: usize, device: &Device) -> Result<Tensor> {
    let m: Vec<f32> = (0..n * t * t)
        .map(|i| {
            if i % t > (i / t) % t {
                f32::NEG_INFINITY
            } else {
                0.0
            }
        })
        .collect();
    Ok(Tensor::from_vec(m, (n * t, t), device)?.to_dtype(DType::F32)?)
}

/// The paper's masked loss: cross-entropy of predicting token `t` from the tokens before it,
/// averaged over the positions whose token weight is 1 (weights `(B, T)`, 0 or 1).
pub fn masked_loss(logits: &Tensor, ids: &Tensor, weights: &Tensor) -> Result<Tensor> {
    let (b, t, v) = logits.dims3()?;
    let logp = candle_nn::ops::log_softmax(&logits.narrow(1, 0, t - 1)?, D::Minus1)?;
    let labels = ids.narrow(1, 1, t - 1)?.contiguous()?;
    let picked = logp
        .reshape((b * (t - 1), v))?
        .gather(&labels.reshape((b * (t - 1), 1))?, 1)?
        .reshape((b, t - 1))?;
    let w = weights.narrow(1, 1, t - 1)?;
    let total = w.sum_all()?;
    Ok(((picked.neg()? * &w)?.sum_all()? / total)?)
}
