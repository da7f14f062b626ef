//! LoRA parameters as candle variables, initialised as PEFT does (A Kaiming-uniform with
//! `a = √5`, i.e. U(−1/√in, 1/√in); B zero), and saved/loaded in PEFT's layout.

use std::collections::BTreeMap;
use std::path::Path;

use candle_core::{DType, Device, Tensor, Var};
use hexacoder_model::arch::{Config, Layout};
use hexacoder_model::peft::{Adapter, AdapterConfig};

use crate::error::{Result, TrainError};

/// The trainable update of one linear layer: `scale · B·A`.
pub struct LoraVars {
    /// `r × in`.
    pub a: Var,
    /// `out × r`.
    pub b: Var,
    pub scale: f32,
}

/// Every LoRA pair of a model, by (layer, module).
pub struct LoraSet {
    pub config: AdapterConfig,
    /// The family's tensor names, for saving in PEFT's layout.
    pub layout: &'static Layout,
    pub pairs: BTreeMap<(usize, String), LoraVars>,
}

/// The project's seeded generator, so initialisation depends only on the seed.
pub use hexacoder_formats::rng::SplitMix;

impl LoraSet {
    /// Fresh adapters for the config's target modules on every layer of a model.
    pub fn init(
        config: AdapterConfig,
        model: &Config,
        seed: u64,
        device: &Device,
    ) -> Result<LoraSet> {
        let layout = model.layout;
        let mut roles = Vec::new();
        for module in &config.target_modules {
            roles.push(layout.role_of(module).ok_or_else(|| {
                TrainError::invalid(
                    "targets",
                    format!(
                        "`{module}` is not a module of {} (one of {:?})",
                        model.arch,
                        layout.modules()
                    ),
                )
            })?);
        }
        let mut rng = SplitMix(seed);
        let mut pairs = BTreeMap::new();
        let r = config.r;
        for layer in 0..model.num_layers {
            for (module, &role) in config.target_modules.iter().zip(&roles) {
                let (out, inp) = layout.shape(model, role);
                let bound = 1.0 / (inp as f32).sqrt();
                let a: Vec<f32> = (0..r * inp)
                    .map(|_| (rng.uniform() * 2.0 - 1.0) * bound)
                    .collect();
                let a = Var::from_tensor(&Tensor::from_vec(a, (r, inp), device)?)?;
                let b = Var::from_tensor(&Tensor::zeros((out, r), DType::F32, device)?)?;
                pairs.insert(
                    (layer, module.clone()),
                    LoraVars {
                        a,
                        b,
                        scale: config.scale(),
                    },
                );
            }
        }
        Ok(LoraSet {
            config,
            layout,
            pairs,
        })
    }

    /// Start from a PEFT adapter folder (to continue training it, or for parity tests).
    pub fn load(dir: &Path, device: &Device) -> Result<LoraSet> {
        let adapter = Adapter::load(dir)?;
        let scale = adapter.config.scale();
        let mut pairs = BTreeMap::new();
        for p in adapter.tensors {
            let a = Var::from_tensor(&Tensor::from_vec(
                p.a,
                (p.a_shape[0], p.a_shape[1]),
                device,
            )?)?;
            let b = Var::from_tensor(&Tensor::from_vec(
                p.b,
                (p.b_shape[0], p.b_shape[1]),
                device,
            )?)?;
            pairs.insert((p.layer, p.module), LoraVars { a, b, scale });
        }
        Ok(LoraSet {
            config: adapter.config,
            layout: adapter.layout,
            pairs,
        })
    }

    /// All trainable variables, in a fixed order (A then B of each pair, by layer and module).
    pub fn vars(&self) -> Vec<&Var> {
        self.pairs.values().flat_map(|p| [&p.a, &p.b]).collect()
    }

    /// The norm of block `layer`'s LoRA gradients (A and B of every module), as PEFT-side
    /// checks report it per layer.
    pub fn grad_norm(&self, grads: &candle_core::backprop::GradStore, layer: usize) -> Result<f64> {
        let mut sq = 0f64;
        for ((l, _), p) in &self.pairs {
            if *l != layer {
                continue;
            }
            for v in [&p.a, &p.b] {
                if let Some(g) = grads.get(v.as_tensor()) {
                    sq += f64::from(g.sqr()?.sum_all()?.to_scalar::<f32>()?);
                }
            }
        }
        Ok(sq.sqrt())
    }

    /// PEFT tensor names in the order of [`LoraSet::vars`].
    pub fn names(&self) -> Vec<String> {
        self.pairs
            .keys()
            .flat_map(|(layer, module)| {
                let role = self
                    .layout
                    .role_of(module)
                    .expect("pairs are keyed by the layout's modules");
                [
                    self.layout.peft_tensor(*layer, role, true),
                    self.layout.peft_tensor(*layer, role, false),
                ]
            })
            .collect()
    }

    /// Write `adapter_config.json` and `adapter_model.safetensors` (PEFT's layout) into `dir`,
    /// through temporary files so a crash never leaves half an adapter.
    pub fn save(&self, dir: &Path) -> Result<()> {
        std::fs::create_dir_all(dir).map_err(|e| TrainError::file(dir, e))?;
        let cfg =
            serde_json::to_string_pretty(&self.config).map_err(|e| TrainError::file(dir, e))?;
        write_atomic(&dir.join("adapter_config.json"), cfg.as_bytes())?;
        let mut data: Vec<(String, Vec<usize>, Vec<u8>)> = Vec::new();
        for (name, var) in self.names().into_iter().zip(self.vars()) {
            let t = var.as_tensor();
            let values: Vec<f32> = t.flatten_all()?.to_vec1()?;
            data.push((
                name,
                t.dims().to_vec(),
                values.iter().flat_map(|v| v.to_le_bytes()).collect(),
            ));
        }
        let views: Vec<(String, safetensors::tensor::TensorView)> = data
            .iter()
            .map(|(n, s, b)| {
                safetensors::tensor::TensorView::new(safetensors::Dtype::F32, s.clone(), b)
                    .map(|v| (n.clone(), v))
                    .map_err(|e| TrainError::file(dir, e))
            })
            .collect::<Result<_>>()?;
        let bytes = safetensors::serialize(views, None).map_err(|e| TrainError::file(dir, e))?;
        write_atomic(&dir.join("adapter_model.safetensors"), &bytes)
    }
}

/// [`hexacoder_formats::write_atomic`] with the trainer's error.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    hexacoder_formats::write_atomic(path, bytes).map_err(|e| TrainError::file(&e.path, e.source))
}
