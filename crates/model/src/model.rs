//! A loaded model: configuration, weights, tokenizer, and where they came from.

use std::path::{Path, PathBuf};

use crate::arch::{self, Config};
use crate::device::Device;
use crate::error::{ModelError, Result};
use crate::forward::{try_forward_prefixed, KvCache};
use crate::gguf::GgufFile;
use crate::hf::{read_json, HfFolder};
use crate::peft::Adapter;
use crate::store::{locate, Located};
use crate::tokenizer::Tokenizer;
use crate::weights::Weights;

pub struct Model {
    pub config: Config,
    pub weights: Weights,
    pub tokenizer: Tokenizer,
    /// The file or folder loaded.
    pub source: PathBuf,
    /// Adapters applied, in order.
    pub adapters: Vec<PathBuf>,
}

impl Model {
    /// Load a model spec (see [`crate::store::locate`]).
    pub fn load(spec: &str) -> Result<Model> {
        match locate(spec)? {
            Located::Gguf(p) => Self::load_gguf(&p),
            Located::HfFolder(p) => Self::load_hf(&p),
        }
    }

    pub fn load_gguf(path: &Path) -> Result<Model> {
        let (config, mut g) = open_gguf(path)?;
        let tokenizer = Tokenizer::from_gguf(&g)?;
        let weights = Weights::load(&config, &mut g).map_err(|e| in_file(path, e))?;
        Ok(Model {
            config,
            weights,
            tokenizer,
            source: path.to_path_buf(),
            adapters: Vec::new(),
        })
    }

    pub fn load_hf(dir: &Path) -> Result<Model> {
        let json = HfFolder::config(dir)?;
        let model_type = json
            .get("model_type")
            .and_then(|v| v.as_str())
            .ok_or_else(|| ModelError::file(dir.join("config.json"), "`model_type` is missing"))?;
        let arch = arch::by_hf_model_type(model_type)?;
        let config = arch.config_from_hf(&json)?;
        let tok_cfg_path = dir.join("tokenizer_config.json");
        let tok_cfg = if tok_cfg_path.is_file() {
            read_json(&tok_cfg_path)?
        } else {
            serde_json::Value::Null
        };
        let tokenizer = Tokenizer::from_hf_file(&dir.join("tokenizer.json"), &tok_cfg)?;
        let mut src = HfFolder::open(dir)?;
        let weights = Weights::load(&config, &mut src)?;
        Ok(Model {
            config,
            weights,
            tokenizer,
            source: dir.to_path_buf(),
            adapters: Vec::new(),
        })
    }

    /// Apply a PEFT LoRA adapter, unmerged or merged into the weights.
    pub fn apply_adapter(&mut self, dir: &Path, merge: bool) -> Result<()> {
        self.apply_adapter_weighted(dir, 1.0, merge)
    }

    /// Apply an adapter with its change to the weights multiplied by `weight`
    /// (see [`Adapter::apply_weighted`]).
    pub fn apply_adapter_weighted(&mut self, dir: &Path, weight: f32, merge: bool) -> Result<()> {
        let adapter = Adapter::load(dir)?;
        adapter.apply_weighted(&mut self.weights, weight, merge)?;
        self.adapters.push(dir.to_path_buf());
        // A device copy made before the adapter is stale: make it again.
        match self.weights.on_device.as_ref().map(|d| d.device().clone()) {
            Some(device) => self.to_candle_device(device),
            None => Ok(()),
        }
    }

    /// Run the forward pass on `device`: the CPU kernels, or a GPU in builds with the `cuda`
    /// feature (the weights are copied there as f32; see [`crate::candle_forward`]).
    pub fn to_device(&mut self, device: Device) -> Result<()> {
        match device {
            Device::Cpu => {
                self.weights.on_device = None;
                Ok(())
            }
            #[cfg(feature = "cuda")]
            Device::Cuda(n) => {
                let cuda = candle_core::Device::new_cuda(n).map_err(|e| {
                    ModelError::invalid(
                        "device",
                        format!(
                            "{device}: {e} (is an NVIDIA driver installed and the GPU visible?)"
                        ),
                    )
                })?;
                self.to_candle_device(cuda)
            }
            #[cfg(not(feature = "cuda"))]
            Device::Cuda(_) => Err(ModelError::invalid(
                "device",
                format!(
                    "{device}: this hexacoder was built without CUDA support \
                     (build it with `cargo build --release --features cuda`)"
                ),
            )),
        }
    }

    /// Run the forward pass as candle tensor operations on `device` (what `--device cuda`
    /// does on a GPU; on candle's CPU device, the tests check that path without one).
    pub fn to_candle_device(&mut self, device: candle_core::Device) -> Result<()> {
        self.weights.on_device = None;
        let on = crate::candle_forward::DeviceWeights::upload(&self.weights, device)?;
        self.weights.on_device = Some(std::sync::Arc::new(on));
        Ok(())
    }

    /// Where the forward pass runs (a candle CPU device counts as the CPU).
    pub fn device(&self) -> Device {
        self.weights
            .on_device
            .as_ref()
            .map_or(Device::Cpu, |d| d.location())
    }

    /// A fresh KV cache for this model.
    pub fn new_cache(&self) -> KvCache {
        KvCache::new(&self.config)
    }

    /// Next-token logits after `tokens` (one sequence, no cache kept): for tests and scoring.
    pub fn logits(&self, tokens: &[u32]) -> Result<Vec<f32>> {
        self.check_tokens(tokens, 0)?;
        let mut cache = [self.new_cache()];
        try_forward_prefixed(
            &self.config,
            &self.weights,
            tokens,
            &[None],
            &mut cache,
            tokens.len(),
        )
    }

    /// Reject token sequences the model cannot take.
    pub(crate) fn check_tokens(&self, tokens: &[u32], extra: usize) -> Result<()> {
        if tokens.is_empty() {
            return Err(ModelError::invalid("prompt", "is empty"));
        }
        if let Some(bad) = tokens
            .iter()
            .find(|&&t| t as usize >= self.config.vocab_size)
        {
            return Err(ModelError::invalid(
                "token id",
                format!("{bad} ≥ vocabulary size {}", self.config.vocab_size),
            ));
        }
        if tokens.len() + extra > self.config.max_position {
            return Err(ModelError::invalid(
                "prompt",
                format!(
                    "{} tokens{} exceed the context window of {} tokens",
                    tokens.len(),
                    if extra > 0 {
                        format!(" + {extra} to generate")
                    } else {
                        String::new()
                    },
                    self.config.max_position
                ),
            ));
        }
        Ok(())
    }
}

/// A GGUF file with its configuration, ready to hand out tensors by Hugging Face names
/// (its family's layout set, llama.cpp's q/k permutation undone where the family has it).
pub fn open_gguf(path: &Path) -> Result<(Config, GgufFile)> {
    let mut g = GgufFile::open(path)?;
    let arch = arch::by_gguf_name(g.architecture()?)?;
    let config = arch.config_from_gguf(&g)?;
    if arch.gguf_permutes_qk() {
        g.unpermute_qk = Some((config.num_heads, config.num_kv_heads));
    }
    g.layout = Some(config.layout);
    Ok((config, g))
}

/// The configuration of a model spec and a source of its tensors (by Hugging Face names,
/// GGUF q/k rows already in Hugging Face order), for code that wants the weights in its own
/// form, like the trainer (dense f32 tensors).
pub fn open_weights(
    spec: &str,
) -> Result<(Config, Box<dyn crate::weights::TensorSource>, PathBuf)> {
    match locate(spec)? {
        Located::Gguf(p) => {
            let (config, g) = open_gguf(&p)?;
            Ok((config, Box::new(g), p))
        }
        Located::HfFolder(p) => {
            let json = HfFolder::config(&p)?;
            let model_type = json
                .get("model_type")
                .and_then(|v| v.as_str())
                .ok_or_else(|| {
                    ModelError::file(p.join("config.json"), "`model_type` is missing")
                })?;
            let config = arch::by_hf_model_type(model_type)?.config_from_hf(&json)?;
            Ok((config, Box::new(HfFolder::open(&p)?), p))
        }
    }
}

/// Only the tokenizer of a model spec (no weights loaded).
pub fn load_tokenizer(spec: &str) -> Result<Tokenizer> {
    match locate(spec)? {
        Located::Gguf(p) => Tokenizer::from_gguf(&GgufFile::open(&p)?),
        Located::HfFolder(p) => {
            let cfg = p.join("tokenizer_config.json");
            let cfg = if cfg.is_file() {
                read_json(&cfg)?
            } else {
                serde_json::Value::Null
            };
            Tokenizer::from_hf_file(&p.join("tokenizer.json"), &cfg)
        }
    }
}

fn in_file(path: &Path, e: ModelError) -> ModelError {
    match e {
        ModelError::MissingTensor { name, .. } => ModelError::MissingTensor {
            name,
            path: path.to_path_buf(),
        },
        ModelError::Shape {
            name,
            got,
            expected,
        } => ModelError::file(
            path,
            format!("tensor `{name}` has shape {got:?}, expected {expected:?}"),
        ),
        other => other,
    }
}
