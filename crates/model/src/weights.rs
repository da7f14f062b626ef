//! The weights of a decoder-only transformer, independent of where they came from.
//!
//! Loaders ([`crate::gguf`], [`crate::hf`]) implement [`TensorSource`] under Hugging Face
//! tensor names; [`Weights::load`] checks every shape against the [`Config`] and names the
//! first missing or misshapen tensor.

use crate::arch::Config;
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

/// One transformer block.
#[derive(Debug, Clone)]
pub struct Layer {
    pub attn_norm: Vec<f32>,
    pub q_proj: Linear,
    pub k_proj: Linear,
    pub v_proj: Linear,
    pub o_proj: Linear,
    pub mlp_norm: Vec<f32>,
    pub gate_proj: Linear,
    pub up_proj: Linear,
    pub down_proj: Linear,
}

/// The linear layers LoRA may target, by their Hugging Face module names.
pub const LINEAR_MODULES: &[&str] = &[
    "q_proj",
    "k_proj",
    "v_proj",
    "o_proj",
    "gate_proj",
    "up_proj",
    "down_proj",
];

impl Layer {
    pub fn linear_mut(&mut self, module: &str) -> Option<&mut Linear> {
        Some(match module {
            "q_proj" => &mut self.q_proj,
            "k_proj" => &mut self.k_proj,
            "v_proj" => &mut self.v_proj,
            "o_proj" => &mut self.o_proj,
            "gate_proj" => &mut self.gate_proj,
            "up_proj" => &mut self.up_proj,
            "down_proj" => &mut self.down_proj,
            _ => return None,
        })
    }

    pub fn linear(&self, module: &str) -> Option<&Linear> {
        Some(match module {
            "q_proj" => &self.q_proj,
            "k_proj" => &self.k_proj,
            "v_proj" => &self.v_proj,
            "o_proj" => &self.o_proj,
            "gate_proj" => &self.gate_proj,
            "up_proj" => &self.up_proj,
            "down_proj" => &self.down_proj,
            _ => return None,
        })
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
    /// A copy on a device, where the forward pass then runs (see
    /// [`crate::model::Model::to_device`]).
    pub on_device: Option<std::sync::Arc<crate::candle_forward::DeviceWeights>>,
}

impl Weights {
    pub fn load(cfg: &Config, src: &mut dyn TensorSource) -> Result<Weights> {
        let h = cfg.hidden_size;
        let embed = matrix(src, "model.embed_tokens.weight", cfg.vocab_size, h)?;
        let lm_head = if cfg.tie_embeddings {
            None
        } else {
            Some(matrix(src, "lm_head.weight", cfg.vocab_size, h)?)
        };
        let norm = vector(src, "model.norm.weight", h)?;
        let mut layers = Vec::with_capacity(cfg.num_layers);
        for i in 0..cfg.num_layers {
            let p = format!("model.layers.{i}");
            let lin =
                |src: &mut dyn TensorSource, name: &str, rows: usize, cols: usize, bias: bool| {
                    let weight = matrix(src, &format!("{p}.{name}.weight"), rows, cols)?;
                    let bias = if bias {
                        Some(vector(src, &format!("{p}.{name}.bias"), rows)?)
                    } else {
                        None
                    };
                    Ok::<_, ModelError>(Linear {
                        weight,
                        bias,
                        lora: None,
                    })
                };
            let (qd, kvd, ff) = (cfg.q_dim(), cfg.kv_dim(), cfg.intermediate_size);
            layers.push(Layer {
                attn_norm: vector(src, &format!("{p}.input_layernorm.weight"), h)?,
                q_proj: lin(src, "self_attn.q_proj", qd, h, cfg.qkv_bias)?,
                k_proj: lin(src, "self_attn.k_proj", kvd, h, cfg.qkv_bias)?,
                v_proj: lin(src, "self_attn.v_proj", kvd, h, cfg.qkv_bias)?,
                o_proj: lin(src, "self_attn.o_proj", h, qd, false)?,
                mlp_norm: vector(src, &format!("{p}.post_attention_layernorm.weight"), h)?,
                gate_proj: lin(src, "mlp.gate_proj", ff, h, false)?,
                up_proj: lin(src, "mlp.up_proj", ff, h, false)?,
                down_proj: lin(src, "mlp.down_proj", h, ff, false)?,
            });
        }
        Ok(Weights {
            precision: Precision::Fast,
            embed,
            layers,
            norm,
            lm_head,
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
                .map(|l| {
                    lin(&l.q_proj)
                        + lin(&l.k_proj)
                        + lin(&l.v_proj)
                        + lin(&l.o_proj)
                        + lin(&l.gate_proj)
                        + lin(&l.up_proj)
                        + lin(&l.down_proj)
                })
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
