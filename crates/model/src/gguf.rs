//! GGUF files: header, metadata and tensors (llama.cpp's format, which the embedded model
//! ships in). candle parses the header; tensors in Q4_0, Q4_1 and Q8_0 go straight into our
//! kernel formats, everything else through candle's dequantizer.

use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use candle_core::quantized::gguf_file::{Content, Value};
use candle_core::quantized::GgmlDType;

use crate::arch::Metadata;
use crate::arch::{Layout, Role};
use crate::error::{ModelError, Result};
use crate::quant::QWeight;
use crate::weights::{TensorData, TensorSource};

pub struct GgufFile {
    path: PathBuf,
    file: BufReader<File>,
    content: Content,
    /// Undo llama.cpp's q/k row permutation for this many heads (q) and kv heads (k).
    pub unpermute_qk: Option<(usize, usize)>,
    /// The family's tensor names, known once the architecture is read from the header
    /// ([`crate::model::open_gguf`] sets it); tensors are looked up through it.
    pub layout: Option<&'static Layout>,
}

impl GgufFile {
    pub fn open(path: &Path) -> Result<GgufFile> {
        let file = File::open(path).map_err(|e| ModelError::file(path, e))?;
        let mut file = BufReader::new(file);
        let content = Content::read(&mut file).map_err(|e| {
            ModelError::file(
                path,
                format!(
                    "not a valid GGUF file: {}",
                    crate::error::candle_message(&e)
                ),
            )
        })?;
        Ok(GgufFile {
            path: path.to_path_buf(),
            file,
            content,
            unpermute_qk: None,
            layout: None,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn value(&self, key: &str) -> Option<&Value> {
        self.content.metadata.get(key)
    }

    pub fn string(&self, key: &str) -> Option<&str> {
        self.value(key)
            .and_then(|v| v.to_string().ok())
            .map(|s| s.as_str())
    }

    pub fn strings(&self, key: &str) -> Result<Vec<String>> {
        let list = self
            .value(key)
            .and_then(|v| v.to_vec().ok())
            .ok_or_else(|| ModelError::file(&self.path, format!("metadata `{key}` is missing")))?;
        list.iter()
            .map(|v| {
                v.to_string().cloned().map_err(|_| {
                    ModelError::file(&self.path, format!("metadata `{key}` holds a non-string"))
                })
            })
            .collect()
    }

    pub fn ints(&self, key: &str) -> Option<Vec<i64>> {
        let list = self.value(key)?.to_vec().ok()?;
        list.iter().map(value_i64).collect()
    }

    pub fn architecture(&self) -> Result<&str> {
        self.string("general.architecture").ok_or_else(|| {
            ModelError::file(&self.path, "metadata `general.architecture` is missing")
        })
    }

    pub fn tensor_names(&self) -> impl Iterator<Item = &String> {
        self.content.tensor_infos.keys()
    }

    /// A tensor by its GGUF name, as a kernel-format matrix (2-D) or dense values (1-D).
    pub fn read_tensor(&mut self, name: &str) -> Result<Option<TensorData>> {
        let Some(info) = self.content.tensor_infos.get(name) else {
            return Ok(None);
        };
        let dims = info.shape.dims().to_vec();
        let dtype = info.ggml_dtype;
        let elems: usize = dims.iter().product();
        let size = elems / dtype.block_size() * dtype.type_size();
        let start = self.content.tensor_data_offset + info.offset;
        let path = self.path.clone();
        let bad =
            |e: &dyn std::fmt::Display| ModelError::file(&path, format!("tensor `{name}`: {e}"));
        let file_len = self.file.seek(SeekFrom::End(0)).map_err(|e| bad(&e))?;
        if start + size as u64 > file_len {
            return Err(bad(&format!(
                "needs {size} bytes at offset {start}, the file has {file_len} (truncated?)"
            )));
        }
        if dims.len() == 2 && matches!(dtype, GgmlDType::Q4_0 | GgmlDType::Q4_1 | GgmlDType::Q8_0) {
            let mut bytes = vec![0u8; size];
            self.file
                .seek(SeekFrom::Start(start))
                .map_err(|e| bad(&e))?;
            self.file.read_exact(&mut bytes).map_err(|e| bad(&e))?;
            let (rows, cols) = (dims[0], dims[1]);
            let q = match dtype {
                GgmlDType::Q4_0 => QWeight::from_q4_0_bytes(&bytes, rows, cols),
                GgmlDType::Q4_1 => QWeight::from_q4_1_bytes(&bytes, rows, cols),
                _ => QWeight::from_q8_0_bytes(&bytes, rows, cols),
            }
            .map_err(|e| bad(&e))?;
            return Ok(Some(TensorData::Quant(q)));
        }
        let qt = info
            .read(
                &mut self.file,
                self.content.tensor_data_offset,
                &candle_core::Device::Cpu,
            )
            .map_err(|e| bad(&crate::error::candle_message(&e)))?;
        let values = qt
            .dequantize(&candle_core::Device::Cpu)
            .and_then(|t| t.flatten_all())
            .and_then(|t| t.to_dtype(candle_core::DType::F32))
            .and_then(|t| t.to_vec1::<f32>())
            .map_err(|e| bad(&crate::error::candle_message(&e)))?;
        Ok(Some(TensorData::Dense(values, dims)))
    }
}

fn value_i64(v: &Value) -> Option<i64> {
    v.to_i64()
        .ok()
        .or_else(|| v.to_i32().ok().map(i64::from))
        .or_else(|| v.to_u32().ok().map(i64::from))
        .or_else(|| v.to_u64().ok().map(|x| x as i64))
        .or_else(|| v.to_u8().ok().map(i64::from))
        .or_else(|| v.to_i8().ok().map(i64::from))
        .or_else(|| v.to_u16().ok().map(i64::from))
        .or_else(|| v.to_i16().ok().map(i64::from))
}

impl Metadata for GgufFile {
    fn get_u64(&self, key: &str) -> Option<u64> {
        if let Some(list_key) = key.strip_suffix(".len") {
            return self.value(list_key)?.to_vec().ok().map(|l| l.len() as u64);
        }
        value_i64(self.value(key)?).and_then(|v| u64::try_from(v).ok())
    }

    fn get_f32(&self, key: &str) -> Option<f32> {
        let v = self.value(key)?;
        v.to_f32()
            .ok()
            .or_else(|| v.to_f64().ok().map(|x| x as f32))
    }

    fn has(&self, key: &str) -> bool {
        self.content.metadata.contains_key(key) || self.content.tensor_infos.contains_key(key)
    }
}

/// The row order that turns llama.cpp's interleaved-RoPE q/k rows back into Hugging Face's
/// (halves) layout: HF row `h·d + j·d/2 + i` is GGUF row `h·d + 2i + j`.
pub fn unpermute_rows(heads: usize, head_dim: usize) -> Vec<usize> {
    let half = head_dim / 2;
    let mut order = vec![0; heads * head_dim];
    for h in 0..heads {
        for j in 0..2 {
            for i in 0..half {
                order[h * head_dim + j * half + i] = h * head_dim + 2 * i + j;
            }
        }
    }
    order
}

impl TensorSource for GgufFile {
    fn tensor(&mut self, hf_name: &str) -> Result<Option<TensorData>> {
        let layout = self.layout.ok_or_else(|| {
            ModelError::file(&self.path, "tensors read before the architecture is known")
        })?;
        let Some(name) = layout.gguf_name(hf_name) else {
            return Ok(None);
        };
        let data = self.read_tensor(&name)?;
        let heads = match (self.unpermute_qk, layout.role_of_tensor(hf_name)) {
            (Some((q, _)), Some(Role::Q)) => Some(q),
            (Some((_, k)), Some(Role::K)) => Some(k),
            _ => None,
        };
        Ok(match (data, heads) {
            (Some(TensorData::Quant(w)), Some(heads)) => {
                let order = unpermute_rows(heads, w.rows() / heads);
                Some(TensorData::Quant(w.permute_rows(&order)))
            }
            (Some(TensorData::Dense(v, shape)), Some(heads)) if shape.len() == 2 => {
                let cols = shape[1];
                let order = unpermute_rows(heads, shape[0] / heads);
                let mut out = Vec::with_capacity(v.len());
                for &r in &order {
                    out.extend_from_slice(&v[r * cols..(r + 1) * cols]);
                }
                Some(TensorData::Dense(out, shape))
            }
            (d, _) => d,
        })
    }

    fn describe(&self) -> String {
        self.path.display().to_string()
    }
}
