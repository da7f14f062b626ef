//! PEFT LoRA adapters: `adapter_config.json` + `adapter_model.safetensors` with PEFT's tensor
//! names (`base_model.model.model.layers.N.self_attn.q_proj.lora_A.weight`, A `r × in`,
//! B `out × r`), so adapters trained with PEFT load here and ours load in PEFT and vLLM.
//! Applied unmerged (an extra low-rank product per layer, base weights untouched) or merged
//! (`W + (α/r)·B·A`, re-quantized to Q8_0).

use std::path::{Path, PathBuf};

use safetensors::SafeTensors;
use serde::{Deserialize, Serialize};

use crate::error::{ModelError, Result};
use crate::hf::{read_json, to_f32};
use crate::quant::QWeight;
use crate::weights::{Lora, Weights, LINEAR_MODULES};

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
        T::One(s) => LINEAR_MODULES
            .iter()
            .filter(|m| s == **m || s.contains(*m))
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
        if let Some(bad) = config
            .target_modules
            .iter()
            .find(|m| !LINEAR_MODULES.contains(&m.as_str()))
        {
            return Err(err(format!(
                "target module `{bad}` is not one of {LINEAR_MODULES:?}"
            )));
        }
        let st_path = dir.join("adapter_model.safetensors");
        let bytes = std::fs::read(&st_path).map_err(|e| ModelError::file(&st_path, e))?;
        let st = SafeTensors::deserialize(&bytes).map_err(|e| {
            ModelError::file(&st_path, format!("not a valid safetensors file: {e}"))
        })?;
        let mut pairs: std::collections::BTreeMap<(usize, String), Halves> = Default::default();
        for (name, view) in st.tensors() {
            let (layer, module, which) = parse_name(&name)
                .ok_or_else(|| err(format!("tensor `{name}` is not a PEFT LoRA tensor name")))?;
            let values = to_f32(&view).map_err(|e| err(format!("tensor `{name}`: {e}")))?;
            pairs.entry((layer, module)).or_default()[which] =
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
        Ok(Adapter {
            dir: dir.to_path_buf(),
            config,
            tensors,
        })
    }

    /// Attach the adapter to `weights`; `merge` folds it into the (re-quantized) weights.
    /// Shapes are checked first, so an adapter for another base changes nothing.
    pub fn apply(&self, weights: &mut Weights, merge: bool) -> Result<()> {
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
            let lin = weights
                .layers
                .get(*layer)
                .and_then(|l| l.linear(module))
                .ok_or_else(|| {
                    err(format!(
                        "layer {layer} {module} does not exist in this model ({} layers): an adapter for another base model?",
                        weights.layers.len()
                    ))
                })?;
            let (want_a, want_b) = (vec![r, lin.in_features()], vec![lin.out_features(), r]);
            if *sa != want_a || *sb != want_b {
                return Err(err(format!(
                    "layer {layer} {module}: lora_A {sa:?} / lora_B {sb:?}, this model needs {want_a:?} / {want_b:?} (an adapter for another base model?)"
                )));
            }
        }
        let scale = self.config.scale();
        for LoraPair {
            layer,
            module,
            a,
            b,
            ..
        } in &self.tensors
        {
            let lin = weights.layers[*layer]
                .linear_mut(module)
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
                    b: b.clone(),
                });
            }
        }
        Ok(())
    }
}

/// `(layer, module, 0 for A / 1 for B)` of a PEFT tensor name.
fn parse_name(name: &str) -> Option<(usize, String, usize)> {
    let rest = &name[name.find("layers.")? + "layers.".len()..];
    let (layer, rest) = rest.split_once('.')?;
    let layer: usize = layer.parse().ok()?;
    let which = if rest.contains(".lora_A.") {
        0
    } else if rest.contains(".lora_B.") {
        1
    } else {
        return None;
    };
    let module = rest.split('.').find(|p| LINEAR_MODULES.contains(p))?;
    Some((layer, module.to_string(), which))
}

#[cfg(test)]
mod tests {
    #[test]
    fn peft_names() {
        assert_eq!(
            super::parse_name("base_model.model.model.layers.12.self_attn.q_proj.lora_A.weight"),
            Some((12, "q_proj".into(), 0))
        );
        assert_eq!(
            super::parse_name(
                "base_model.model.model.layers.0.mlp.down_proj.lora_B.default.weight"
            ),
            Some((0, "down_proj".into(), 1))
        );
        assert_eq!(super::parse_name("base_model.model.lm_head.weight"), None);
    }
}
