//! The weights of a decoder-only transformer, independent of where they came from.
//!
//! Loaders ([`crate::gguf`], [`crate::hf`]) implement [`TensorSource`] under Hugging Face
//! tensor names; [`Weights::load`] checks every shape against the [`Config`] and names the
//! first missing or misshapen tensor.

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

/// One transformer block; its linear layers by role (their names are the layout's).
#[derive(Debug, Clone)]
pub struct Layer {
    pub attn_norm: Vec<f32>,
    pub q: Linear,
    pub k: Linear,
    pub v: Linear,
    pub o: Linear,
    pub mlp_norm: Vec<f32>,
    pub gate: Linear,
    pub up: Linear,
    pub down: Linear,
}

impl Layer {
    pub fn linear_mut(&mut self, role: Role) -> &mut Linear {
        match role {
            Role::Q => &mut self.q,
            Role::K => &mut self.k,
            Role::V => &mut self.v,
            Role::O => &mut self.o,
            Role::Gate => &mut self.gate,
            Role::Up => &mut self.up,
            Role::Down => &mut self.down,
        }
    }

    pub fn linear(&self, role: Role) -> &Linear {
        match role {
            Role::Q => &self.q,
            Role::K => &self.k,
            Role::V => &self.v,
            Role::O => &self.o,
            Role::Gate => &self.gate,
            Role::Up => &self.up,
            Role::Down => &self.down,
        }
    }

    fn linears(&self) -> [&Linear; 7] {
        [
            &self.q, &self.k, &self.v, &self.o, &self.gate, &self.up, &self.down,
        ]
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
    pub norm: Vec<f32>,
    /// `None` when tied to `embed`.
    pub lm_head: Option<QWeight>,
    /// The family's tensor names (for adapters, which name their layers).
    pub layout: &'static Layout,
    /// A copy on a device, where the forward pass then runs (see
    /// [`crate::model::Model::to_device`]).
    pub on_device: Option<std::sync::Arc<crate::candle_forward::DeviceWeights>>,
}

impl Weights {
    pub fn load(cfg: &Config, src: &mut dyn TensorSource) -> Result<Weights> {
        // The CPU kernels and the device path are written for the Llama block.
        cfg.block
            .require_llama(cfg.arch, "the runtime's forward (CPU and device)")?;
        let h = cfg.hidden_size;
        let names = cfg.layout;
        let embed = matrix(src, names.embed.hf, cfg.vocab_size, h)?;
        let lm_head = if cfg.tie_embeddings {
            None
        } else {
            Some(matrix(src, names.lm_head.hf, cfg.vocab_size, h)?)
        };
        let norm = vector(src, names.final_norm.hf, h)?;
        let mut layers = Vec::with_capacity(cfg.num_layers);
        for i in 0..cfg.num_layers {
            let mut lin = |role: Role| {
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
            let (q, k, v, o) = (lin(Role::Q)?, lin(Role::K)?, lin(Role::V)?, lin(Role::O)?);
            let (gate, up, down) = (lin(Role::Gate)?, lin(Role::Up)?, lin(Role::Down)?);
            layers.push(Layer {
                attn_norm: vector(src, &names.norm_tensor(i, Norm::Attention), h)?,
                mlp_norm: vector(src, &names.norm_tensor(i, Norm::Mlp), h)?,
                q,
                k,
                v,
                o,
                gate,
                up,
                down,
            });
        }
        Ok(Weights {
            precision: Precision::Fast,
            embed,
            layers,
            norm,
            lm_head,
            layout: names,
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
                .flat_map(|l| l.linears())
                .map(lin)
                .sum::<usize>()
    }
}

fn fetch(src: &mut dyn TensorSource, name: &str) -> Result<TensorData> {
    src.tensor(name)?.ok_or_else(|| ModelError::MissingTensor {
        name: name.to_string(),
        path: src.describe().into(),
    })
}

fn matrix(src: &mut dyn TensorSource, name: &str, rows: usize, cols: usize) -> Result<QWeight> {
    match fetch(src, name)? {
        TensorData::Quant(q) if q.rows() == rows && q.cols() == cols => Ok(q.into_kernel_layout()),
        TensorData::Dense(v, s) if s == [rows, cols] => {
            Ok(QWeight::quantize_q8_0(&v, rows, cols)?.into_kernel_layout())
        }
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
