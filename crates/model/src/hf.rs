//! Hugging Face model folders: `config.json`, `model.safetensors` or sharded
//! `model-0000N-of-0000M.safetensors`, `tokenizer.json`. Weights are memory-mapped, converted
//! from bf16/f16/f32 and quantized to Q8_0 for the CPU kernels as they are read.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use safetensors::{Dtype, SafeTensors};

use crate::error::{ModelError, Result};
use crate::weights::{TensorData, TensorSource};

pub struct HfFolder {
    dir: PathBuf,
    /// Tensor name → the shard that holds it.
    index: HashMap<String, usize>,
    shards: Vec<(PathBuf, memmap2::Mmap)>,
}

impl HfFolder {
    pub fn open(dir: &Path) -> Result<HfFolder> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| ModelError::file(dir, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "safetensors"))
            .collect();
        files.sort();
        if files.is_empty() {
            return Err(ModelError::file(dir, "no *.safetensors file"));
        }
        let mut index = HashMap::new();
        let mut shards = Vec::new();
        for (i, path) in files.into_iter().enumerate() {
            let file = std::fs::File::open(&path).map_err(|e| ModelError::file(&path, e))?;
            // SAFETY: the file is opened read-only; a concurrent writer could change the bytes
            // under us, which safetensors' header checks and our shape checks then report.
            let map =
                unsafe { memmap2::Mmap::map(&file) }.map_err(|e| ModelError::file(&path, e))?;
            let st = SafeTensors::deserialize(&map).map_err(|e| {
                ModelError::file(&path, format!("not a valid safetensors file: {e}"))
            })?;
            for name in st.names() {
                index.insert(name.to_string(), i);
            }
            shards.push((path, map));
        }
        Ok(HfFolder {
            dir: dir.to_path_buf(),
            index,
            shards,
        })
    }

    pub fn config(dir: &Path) -> Result<serde_json::Value> {
        read_json(&dir.join("config.json"))
    }
}

pub fn read_json(path: &Path) -> Result<serde_json::Value> {
    let text = std::fs::read_to_string(path).map_err(|e| ModelError::file(path, e))?;
    serde_json::from_str(&text).map_err(|e| ModelError::file(path, format!("invalid JSON: {e}")))
}

/// A safetensors tensor as f32 values.
pub fn to_f32(view: &safetensors::tensor::TensorView<'_>) -> std::result::Result<Vec<f32>, String> {
    let data = view.data();
    Ok(match view.dtype() {
        Dtype::F32 => data
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect(),
        Dtype::F16 => data
            .chunks_exact(2)
            .map(|b| half::f16::from_le_bytes([b[0], b[1]]).to_f32())
            .collect(),
        Dtype::BF16 => data
            .chunks_exact(2)
            .map(|b| half::bf16::from_le_bytes([b[0], b[1]]).to_f32())
            .collect(),
        other => {
            return Err(format!(
                "dtype {other:?} is not supported (f32, f16, bf16 are)"
            ))
        }
    })
}

impl TensorSource for HfFolder {
    fn tensor(&mut self, name: &str) -> Result<Option<TensorData>> {
        let Some(&i) = self.index.get(name) else {
            return Ok(None);
        };
        let (path, map) = &self.shards[i];
        let st = SafeTensors::deserialize(map).map_err(|e| ModelError::file(path, e))?;
        let view = st.tensor(name).map_err(|e| ModelError::file(path, e))?;
        let values =
            to_f32(&view).map_err(|e| ModelError::file(path, format!("tensor `{name}`: {e}")))?;
        Ok(Some(TensorData::Dense(values, view.shape().to_vec())))
    }

    fn describe(&self) -> String {
        self.dir.display().to_string()
    }
}
