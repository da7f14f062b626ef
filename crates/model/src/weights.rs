//! The weights of a decoder-only transformer, independent of where they came from.
//!
//! Loaders ([`crate::gguf`], [`crate::hf`]) implement [`TensorSource`] under Hugging Face
//! tensor names; [`Weights::load`] checks every shape against the [`Config`] and names the
//! first missing or misshapen tensor.

use crate::arch::deepseek_v2::{Mla, MlaPart, Moe};
use crate::arch::layout::Norm;
use crate::arch::{Config, Layout, Role};
use crate::error::{ModelError, Result};
use crate::quant::QWeight;

/// A tensor as a loader hands it over.
pub enum TensorData {
    /// A matrix already in a kernel format.
    Quant(QWeight),
    /// Dense values with their shape (row-major).
    Dense(Vec<f32>, Vec<usize>),
}

impl TensorData {
    pub fn shape(&self) -> Vec<usize> {
        match self {
            TensorData::Quant(q) => vec![q.rows(), q.cols()],
            TensorData::Dense(_, s) => s.clone(),
        }
    }
}

/// Where weights come from.
pub trait TensorSource {
    /// The tensor with this Hugging Face name, `Ok(None)` when absent.
    fn tensor(&mut self, hf_name: &str) -> Result<Option<TensorData>>;
    /// For error messages.
    fn describe(&self) -> String;
}

/// A low-rank update `scale · B·A` on a linear layer, kept unmerged.
#[derive(Debug, Clone)]
pub struct Lora {
    pub rank: usize,
    pub scale: f32,
    /// `rank × in`, row-major.
    pub a: Vec<f32>,
    /// `out × rank`, row-major.
    pub b: Vec<f32>,
}

/// A linear layer `y = x·Wᵀ (+ bias) (+ LoRA)`.
#[derive(Debug, Clone)]
pub struct Linear {
    pub weight: QWeight,
    pub bias: Option<Vec<f32>>,
    pub lora: Option<Lora>,
}

impl Linear {
    pub fn in_features(&self) -> usize {
        self.weight.cols()
    }

    pub fn out_features(&self) -> usize {
        self.weight.rows()
    }
}

/// A norm's scale and, for LayerNorm, its shift.
#[derive(Debug, Clone)]
pub struct NormWeights {
    pub weight: Vec<f32>,
    pub bias: Option<Vec<f32>>,
}

/// One transformer block; its linear layers by role (their names are the layout's).
#[derive(Debug, Clone)]
pub struct Layer {
    pub attn_norm: NormWeights,
    pub q: Linear,
    pub k: Linear,
    pub v: Linear,
    pub o: Linear,
    /// `None` in a parallel block, where `attn_norm` feeds the MLP too.
    pub mlp_norm: Option<NormWeights>,
    /// `None` in an MLP without a gate (GELU).
    pub gate: Option<Linear>,
    pub up: Linear,
    pub down: Linear,
    /// Latent attention's extra parts (DeepSeek-V2), where `q`, `k`, `v` are `q_proj` (or
    /// `q_b_proj`), `kv_a_proj_with_mqa` and `kv_b_proj`.
    pub mla: Option<MlaWeights>,
    /// Routed experts (DeepSeek-V2), where `gate`, `up`, `down` are the shared experts.
    pub moe: Option<MoeWeights>,
}

/// The parts of latent attention beyond its three projections.
#[derive(Debug, Clone)]
pub struct MlaWeights {
    /// The low-rank query path's first projection and its norm (the large models).
    pub q_a: Option<(Linear, Vec<f32>)>,
    /// The norm of the key/value latent.
    pub kv_norm: Vec<f32>,
}

/// A mixture of experts' router and routed experts (`[gate, up, down]` each).
#[derive(Debug, Clone)]
pub struct MoeWeights {
    /// `experts × hidden`, kept in f32 (routing decides on small score gaps).
    pub router: Vec<f32>,
    pub experts: Vec<[Linear; 3]>,
}

impl Layer {
    /// The layer of a role, `None` for roles this block lacks (a gate, a fused q/k/v).
    pub fn linear_mut(&mut self, role: Role) -> Option<&mut Linear> {
        match role {
            Role::Q => Some(&mut self.q),
            Role::K => Some(&mut self.k),
            Role::V => Some(&mut self.v),
            Role::O => Some(&mut self.o),
            Role::Gate => self.gate.as_mut(),
            Role::Up => Some(&mut self.up),
            Role::Down => Some(&mut self.down),
            Role::Qkv => None,
        }
    }

    /// See [`Layer::linear_mut`].
    pub fn linear(&self, role: Role) -> Option<&Linear> {
        match role {
            Role::Q => Some(&self.q),
            Role::K => Some(&self.k),
            Role::V => Some(&self.v),
            Role::O => Some(&self.o),
            Role::Gate => self.gate.as_ref(),
            Role::Up => Some(&self.up),
            Role::Down => Some(&self.down),
            Role::Qkv => None,
        }
    }

    fn linears(&self) -> impl Iterator<Item = &Linear> {
        [&self.q, &self.k, &self.v, &self.o, &self.up, &self.down]
            .into_iter()
            .chain(self.gate.as_ref())
            .chain(self.mla.iter().flat_map(|m| m.q_a.iter().map(|(l, _)| l)))
            .chain(self.moe.iter().flat_map(|m| m.experts.iter().flatten()))
    }
}

/// How activations meet the quantized weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Precision {
    /// Activations quantized to 8 bits per block, integer dot products: llama.cpp's scheme
    /// and speed (default).
    #[default]
    Fast,
    /// f32 activations against exactly dequantized weights: the arithmetic of a dense f32
    /// reference (transformers on the same weights), for reproducing reference numbers.
    Exact,
}

#[derive(Debug, Clone)]
pub struct Weights {
    pub precision: Precision,
    pub embed: QWeight,
    pub layers: Vec<Layer>,
    pub norm: NormWeights,
    /// `None` when tied to `embed`.
    pub lm_head: Option<QWeight>,
    pub lm_head_bias: Option<Vec<f32>>,
    /// The family's tensor names (for adapters, which name their layers).
    pub layout: &'static Layout,
    /// How a fused q/k/v matrix's rows became `[q | k | v]` ([`Layout::qkv_order`]), for
    /// splitting an adapter's `lora_B` the same way.
    pub qkv_order: Option<Vec<usize>>,
    /// Layers whose rows were reordered when loading (latent attention's rotary parts), with
    /// the stored row each runtime row came from, for reordering an adapter's `lora_B` alike.
    pub row_orders: Vec<(Role, Vec<usize>)>,
    /// A copy on a device, where the forward pass then runs (see
    /// [`crate::model::Model::to_device`]).
    pub on_device: Option<std::sync::Arc<crate::candle_forward::DeviceWeights>>,
}

impl Weights {
    pub fn load(cfg: &Config, src: &mut dyn TensorSource) -> Result<Weights> {
        let h = cfg.hidden_size;
        let names = cfg.layout;
        let layer_norm = cfg.block.norm == crate::arch::Norm::Layer;
        let embed = matrix(src, names.embed.hf, cfg.vocab_size, h)?;
        let lm_head = if cfg.tie_embeddings {
            None
        } else {
            Some(matrix(src, names.lm_head.hf, cfg.vocab_size, h)?)
        };
        let lm_head_bias = if names.lm_head_bias {
            Some(vector(src, &names.lm_head_bias_tensor(), cfg.vocab_size)?)
        } else {
            None
        };
        let norm = NormWeights {
            weight: vector(src, names.final_norm.hf, h)?,
            bias: layer_norm
                .then(|| vector(src, &names.final_norm_bias(), h))
                .transpose()?,
        };
        let qkv_order = names.qkv_order(cfg);
        let row_orders: Vec<(Role, Vec<usize>)> = match &cfg.mla {
            Some(m) => vec![
                (Role::Q, m.q_order(cfg.num_heads)),
                (Role::K, m.kv_a_order()),
            ],
            None => Vec::new(),
        };
        let reordered = |role: Role| row_orders.iter().find(|(r, _)| *r == role).map(|(_, o)| o);
        let mut layers = Vec::with_capacity(cfg.num_layers);
        for i in 0..cfg.num_layers {
            let mut norm_of = |which: Norm| -> Result<Option<NormWeights>> {
                let Some(weight) = names.norm_tensor(i, which, "weight") else {
                    return Ok(None);
                };
                let bias = match names.norm_tensor(i, which, "bias") {
                    Some(b) if layer_norm => Some(vector(src, &b, h)?),
                    _ => None,
                };
                Ok(Some(NormWeights {
                    weight: vector(src, &weight, h)?,
                    bias,
                }))
            };
            let attn_norm = norm_of(Norm::Attention)?.expect("every block has an attention norm");
            let mlp_norm = norm_of(Norm::Mlp)?;
            let lin = |src: &mut dyn TensorSource, role: Role| {
                let (rows, cols) = names.shape(cfg, role);
                let weight = matrix(src, &names.linear_tensor(i, role, "weight"), rows, cols)?;
                let bias = if names.has_bias(cfg, role) {
                    Some(vector(src, &names.linear_tensor(i, role, "bias"), rows)?)
                } else {
                    None
                };
                Ok::<_, ModelError>(Linear {
                    weight,
                    bias,
                    lora: None,
                })
            };
            let mut mla = None;
            let (q, k, v) = match &qkv_order {
                None if cfg.mla.is_some() => {
                    let m = cfg.mla.as_ref().expect("checked");
                    let permuted = |src: &mut dyn TensorSource, name: &str, role: Role, cols| {
                        let (rows, _) = names.shape(cfg, role);
                        let w = stored_matrix(src, name, rows, cols)?;
                        let order = reordered(role).expect("latent attention reorders q and k");
                        Ok::<_, ModelError>(Linear {
                            weight: w.permute_rows(order).into_kernel_layout(),
                            bias: None,
                            lora: None,
                        })
                    };
                    let (q, q_a) = match m.q_lora_rank {
                        None => {
                            let name = names.linear_tensor(i, Role::Q, "weight");
                            (permuted(src, &name, Role::Q, h)?, None)
                        }
                        Some(rank) => {
                            let q_a = Linear {
                                weight: matrix(src, &Mla::tensor(i, MlaPart::QA), rank, h)?,
                                bias: None,
                                lora: None,
                            };
                            let norm = vector(src, &Mla::tensor(i, MlaPart::QANorm), rank)?;
                            let q_b = Mla::tensor(i, MlaPart::QB);
                            (permuted(src, &q_b, Role::Q, rank)?, Some((q_a, norm)))
                        }
                    };
                    let kv_a = names.linear_tensor(i, Role::K, "weight");
                    let k = permuted(src, &kv_a, Role::K, h)?;
                    mla = Some(MlaWeights {
                        q_a,
                        kv_norm: vector(src, &Mla::tensor(i, MlaPart::KvNorm), m.kv_lora_rank)?,
                    });
                    (q, k, lin(src, Role::V)?)
                }
                None => (lin(src, Role::Q)?, lin(src, Role::K)?, lin(src, Role::V)?),
                Some(order) => {
                    let (rows, cols) = names.shape(cfg, Role::Qkv);
                    let name = names.linear_tensor(i, Role::Qkv, "weight");
                    split_qkv(
                        cfg,
                        &stored_matrix(src, &name, rows, cols)?.permute_rows(order),
                    )
                }
            };
            let o = lin(src, Role::O)?;
            let (gate, up, down, moe) = match &cfg.moe {
                Some(m) if m.routes(i) => {
                    let mlp = |src: &mut dyn TensorSource, expert, ff| {
                        let mut part = |role: Role, rows, cols| {
                            let name = Moe::expert_tensor(i, expert, role);
                            Ok::<_, ModelError>(Linear {
                                weight: matrix(src, &name, rows, cols)?,
                                bias: None,
                                lora: None,
                            })
                        };
                        Ok::<_, ModelError>([
                            part(Role::Gate, ff, h)?,
                            part(Role::Up, ff, h)?,
                            part(Role::Down, h, ff)?,
                        ])
                    };
                    let [gate, up, down] = mlp(src, None, m.shared * m.expert_ff)?;
                    let experts = (0..m.experts)
                        .map(|e| mlp(src, Some(e), m.expert_ff))
                        .collect::<Result<Vec<_>>>()?;
                    let router = vector(src, &Moe::router_tensor(i), m.experts * h)?;
                    (Some(gate), up, down, Some(MoeWeights { router, experts }))
                }
                _ => {
                    let gate = if names.has(Role::Gate) {
                        Some(lin(src, Role::Gate)?)
                    } else {
                        None
                    };
                    (gate, lin(src, Role::Up)?, lin(src, Role::Down)?, None)
                }
            };
            layers.push(Layer {
                attn_norm,
                mlp_norm,
                q,
                k,
                v,
                o,
                gate,
                up,
                down,
                mla,
                moe,
            });
        }
        Ok(Weights {
            precision: Precision::Fast,
            embed,
            layers,
            norm,
            lm_head,
            lm_head_bias,
            layout: names,
            qkv_order,
            row_orders,
            on_device: None,
        })
    }

    /// Bytes of weight memory.
    pub fn size_in_bytes(&self) -> usize {
        let lin = |l: &Linear| l.weight.size_in_bytes();
        self.embed.size_in_bytes()
            + self.lm_head.as_ref().map_or(0, |w| w.size_in_bytes())
            + self
                .layers
                .iter()
                .flat_map(Layer::linears)
                .map(lin)
                .sum::<usize>()
    }
}

/// The q, k and v layers of a fused matrix already in `[q | k | v]` row order.
fn split_qkv(cfg: &Config, w: &QWeight) -> (Linear, Linear, Linear) {
    let (qd, kvd) = (cfg.q_dim(), cfg.kv_dim());
    let part = |from: usize, n: usize| Linear {
        weight: w
            .permute_rows(&(from..from + n).collect::<Vec<_>>())
            .into_kernel_layout(),
        bias: None,
        lora: None,
    };
    (part(0, qd), part(qd, kvd), part(qd + kvd, kvd))
}

fn fetch(src: &mut dyn TensorSource, name: &str) -> Result<TensorData> {
    src.tensor(name)?.ok_or_else(|| ModelError::MissingTensor {
        name: name.to_string(),
        path: src.describe().into(),
    })
}

fn matrix(src: &mut dyn TensorSource, name: &str, rows: usize, cols: usize) -> Result<QWeight> {
    Ok(stored_matrix(src, name, rows, cols)?.into_kernel_layout())
}

/// A matrix in its stored block format (not yet repacked for the kernels, so its rows can
/// still be permuted cheaply).
fn stored_matrix(
    src: &mut dyn TensorSource,
    name: &str,
    rows: usize,
    cols: usize,
) -> Result<QWeight> {
    match fetch(src, name)? {
        TensorData::Quant(q) if q.rows() == rows && q.cols() == cols => Ok(q),
        TensorData::Dense(v, s) if s == [rows, cols] => Ok(QWeight::quantize_q8_0(&v, rows, cols)?),
        other => Err(ModelError::Shape {
            name: name.to_string(),
            got: other.shape(),
            expected: vec![rows, cols],
        }),
    }
}

fn vector(src: &mut dyn TensorSource, name: &str, len: usize) -> Result<Vec<f32>> {
    match fetch(src, name)? {
        TensorData::Dense(v, s) if s.iter().product::<usize>() == len && v.len() == len => Ok(v),
        TensorData::Quant(q) if q.rows() * q.cols() == len => Ok(q.dequantize()),
        other => Err(ModelError::Shape {
            name: name.to_string(),
            got: other.shape(),
            expected: vec![len],
        }),
    }
}
