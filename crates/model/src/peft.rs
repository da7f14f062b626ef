//! PEFT LoRA adapters: `adapter_config.json` + `adapter_model.safetensors` with PEFT's tensor
//! names (`base_model.model.<blocks>.N.<module path>.lora_A.weight`, see `arch::Layout::peft_tensor`), A `r × in`,
//! B `out × r`), so adapters trained with PEFT load here and ours load in PEFT and vLLM.
//! Applied unmerged (an extra low-rank product per layer, base weights untouched) or merged
//! (`W + (α/r)·B·A`, re-quantized to Q8_0).

use std::path::{Path, PathBuf};

use safetensors::SafeTensors;
use serde::{Deserialize, Serialize};

use crate::arch::{layout_of_peft_names, lora_modules, parse_peft_name, Role};
use crate::error::{ModelError, Result};
use crate::hf::{read_json, to_f32};
use crate::quant::QWeight;
use crate::weights::{Lora, Weights};

/// The fields of `adapter_config.json` we read and write.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AdapterConfig {
    #[serde(default)]
    pub base_model_name_or_path: Option<String>,
    pub r: usize,
    pub lora_alpha: f32,
    #[serde(default)]
    pub lora_dropout: f32,
    #[serde(deserialize_with = "targets")]
    pub target_modules: Vec<String>,
    #[serde(default = "lora")]
    pub peft_type: String,
    #[serde(default)]
    pub task_type: Option<String>,
    #[serde(default)]
    pub use_rslora: bool,
    #[serde(default)]
    pub fan_in_fan_out: bool,
    #[serde(default = "none")]
    pub bias: String,
}

fn lora() -> String {
    "LORA".into()
}

fn none() -> String {
    "none".into()
}

/// PEFT writes `target_modules` as a list or as one regex/name string.
fn targets<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum T {
        One(String),
        Many(Vec<String>),
    }
    Ok(match T::deserialize(d)? {
        T::One(s) => lora_modules()
            .into_iter()
            .filter(|m| s == *m || s.contains(*m))
            .map(|m| m.to_string())
            .collect(),
        T::Many(v) => v,
    })
}

impl AdapterConfig {
    /// The factor on `B·A`: `α/r`, or `α/√r` with rsLoRA.
    pub fn scale(&self) -> f32 {
        if self.use_rslora {
            self.lora_alpha / (self.r as f32).sqrt()
        } else {
            self.lora_alpha / self.r as f32
        }
    }
}

/// A loaded adapter: per (layer, module) the A and B matrices.
pub struct Adapter {
    pub dir: PathBuf,
    /// The tensor names its file uses (a family's layout).
    pub layout: &'static crate::arch::Layout,
    pub config: AdapterConfig,
    pub tensors: Vec<LoraPair>,
}

/// The A and B matrices of one (layer, module).
pub struct LoraPair {
    pub layer: usize,
    pub module: String,
    /// `r × in`, row-major.
    pub a: Vec<f32>,
    /// `out × r`, row-major.
    pub b: Vec<f32>,
    pub a_shape: Vec<usize>,
    pub b_shape: Vec<usize>,
}

/// A tensor's values and shape, for A (index 0) and B (index 1) while reading.
type Halves = [Option<(Vec<f32>, Vec<usize>)>; 2];

impl Adapter {
    pub fn load(dir: &Path) -> Result<Adapter> {
        let err = |m: String| ModelError::Adapter {
            path: dir.to_path_buf(),
            message: m,
        };
        let cfg_path = dir.join("adapter_config.json");
        let json = read_json(&cfg_path)?;
        let config: AdapterConfig = serde_json::from_value(json)
            .map_err(|e| ModelError::file(&cfg_path, format!("not a PEFT LoRA config: {e}")))?;
        if config.peft_type != "LORA" {
            return Err(err(format!(
                "peft_type `{}` (only LORA is supported)",
                config.peft_type
            )));
        }
        if config.r == 0 {
            return Err(err("r is 0".into()));
        }
        if config.fan_in_fan_out {
            return Err(err(
                "fan_in_fan_out adapters (GPT-2 Conv1D) are not supported".into(),
            ));
        }
        let known = lora_modules();
        if let Some(bad) = config
            .target_modules
            .iter()
            .find(|m| !known.contains(&m.as_str()))
        {
            return Err(err(format!(
                "target module `{bad}` is not one of {known:?}"
            )));
        }
        let st_path = dir.join("adapter_model.safetensors");
        let bytes = std::fs::read(&st_path).map_err(|e| ModelError::file(&st_path, e))?;
        let st = SafeTensors::deserialize(&bytes).map_err(|e| {
            ModelError::file(&st_path, format!("not a valid safetensors file: {e}"))
        })?;
        let mut pairs: std::collections::BTreeMap<(usize, String), Halves> = Default::default();
        let all: Vec<(String, _)> = st.tensors();
        let names: Vec<String> = all.iter().map(|(n, _)| n.clone()).collect();
        let layout = layout_of_peft_names(&names.iter().map(String::as_str).collect::<Vec<_>>());
        for (name, view) in all {
            let (_, (layer, module, which)) = parse_peft_name(&name)
                .ok_or_else(|| err(format!("tensor `{name}` is not a PEFT LoRA tensor name")))?;
            let values = to_f32(&view).map_err(|e| err(format!("tensor `{name}`: {e}")))?;
            pairs.entry((layer, module.to_string())).or_default()[which] =
                Some((values, view.shape().to_vec()));
        }
        let mut tensors = Vec::new();
        for ((layer, module), [a, b]) in pairs {
            let (Some((a, sa)), Some((b, sb))) = (a, b) else {
                return Err(err(format!(
                    "layer {layer} {module}: lora_A or lora_B is missing"
                )));
            };
            tensors.push(LoraPair {
                layer,
                module,
                a,
                b,
                a_shape: sa,
                b_shape: sb,
            });
        }
        if tensors.is_empty() {
            return Err(err("adapter_model.safetensors holds no LoRA tensors".into()));
        }
        let Some(layout) = layout else {
            return Err(err(format!(
                "no single model family names all of its tensors ({})",
                names.join(", ")
            )));
        };
        Ok(Adapter {
            dir: dir.to_path_buf(),
            layout,
            config,
            tensors,
        })
    }

    /// Attach the adapter to `weights`; `merge` folds it into the (re-quantized) weights.
    /// Shapes are checked first, so an adapter for another base changes nothing.
    pub fn apply(&self, weights: &mut Weights, merge: bool) -> Result<()> {
        self.apply_weighted(weights, 1.0, merge)
    }

    /// [`Adapter::apply`] with the adapter's change to each weight multiplied by `weight`:
    /// 0 is the base model, 1 the adapter as trained, values between interpolate in weight
    /// space (WiSE-FT's ensembling of a fine-tuned model with its base; PEFT's
    /// `add_weighted_adapter` and llama.cpp's `--lora-scaled` do the same).
    pub fn apply_weighted(&self, weights: &mut Weights, weight: f32, merge: bool) -> Result<()> {
        let err = |m: String| ModelError::Adapter {
            path: self.dir.clone(),
            message: m,
        };
        let r = self.config.r;
        for LoraPair {
            layer,
            module,
            a_shape: sa,
            b_shape: sb,
            ..
        } in &self.tensors
        {
            let parts = weights
                .layers
                .get(*layer)
                .and_then(|_| updated_layers(weights, module))
                .ok_or_else(|| {
                    err(format!(
                        "layer {layer} {module} does not exist in this model ({} layers): an adapter for another base model?",
                        weights.layers.len()
                    ))
                })?;
            let lin = weights.layers[*layer]
                .linear(parts[0].0)
                .expect("a target role");
            let out: usize = parts.iter().map(|(_, rows)| rows.len()).sum();
            let (want_a, want_b) = (vec![r, lin.in_features()], vec![out, r]);
            if *sa != want_a || *sb != want_b {
                return Err(err(format!(
                    "layer {layer} {module}: lora_A {sa:?} / lora_B {sb:?}, this model needs {want_a:?} / {want_b:?} (an adapter for another base model?)"
                )));
            }
        }
        if !weight.is_finite() || weight < 0.0 {
            return Err(err(format!(
                "adapter weight {weight}: must be a finite number ≥ 0"
            )));
        }
        let scale = self.config.scale() * weight;
        for LoraPair {
            layer,
            module,
            a,
            b,
            ..
        } in &self.tensors
        {
            for (role, rows) in updated_layers(weights, module).expect("checked above") {
                let b: Vec<f32> = rows
                    .iter()
                    .flat_map(|&i| b[i * r..(i + 1) * r].iter().copied())
                    .collect();
                let lin = weights.layers[*layer]
                    .linear_mut(role)
                    .expect("checked above");
                if merge {
                    let (rows, cols) = (lin.out_features(), lin.in_features());
                    let mut w = lin.weight.dequantize();
                    for i in 0..rows {
                        for j in 0..r {
                            let bij = scale * b[i * r + j];
                            if bij != 0.0 {
                                for (wv, av) in w[i * cols..(i + 1) * cols]
                                    .iter_mut()
                                    .zip(&a[j * cols..(j + 1) * cols])
                                {
                                    *wv += bij * av;
                                }
                            }
                        }
                    }
                    lin.weight = QWeight::quantize_q8_0(&w, rows, cols)?.into_kernel_layout();
                } else {
                    lin.lora = Some(Lora {
                        rank: r,
                        scale,
                        a: a.clone(),
                        b,
                    });
                }
            }
        }
        Ok(())
    }
}

/// The runtime's layers an adapter's module updates, each with the rows of `lora_B` it takes:
/// the module's own layer and all of B, or for a fused q/k/v module (CodeGen's `qkv_proj`)
/// q, k and v with B's rows reordered as the loader reordered the weight's
/// ([`Weights::qkv_order`]), so the split update is the fused one exactly; a layer whose rows
/// the loader reordered ([`Weights::row_orders`]) takes B's rows in the same order.
fn updated_layers(weights: &Weights, module: &str) -> Option<Vec<(Role, Vec<usize>)>> {
    let role = weights.layout.role_of(module)?;
    let layer = weights.layers.first()?;
    if role != Role::Qkv {
        let rows = match weights.row_orders.iter().find(|(r, _)| *r == role) {
            Some((_, order)) => order.clone(),
            None => (0..layer.linear(role)?.out_features()).collect(),
        };
        return Some(vec![(role, rows)]);
    }
    let order = weights.qkv_order.as_ref()?;
    let (qd, kvd) = (layer.q.out_features(), layer.k.out_features());
    Some(vec![
        (Role::Q, order[..qd].to_vec()),
        (Role::K, order[qd..qd + kvd].to_vec()),
        (Role::V, order[qd + kvd..].to_vec()),
    ])
}
