//! Where models live: the model cache (`$HEXACODER_HOME/models`, default the XDG cache dir),
//! local paths, and the Hugging Face hub cache (models downloaded by other tools, found by
//! repo id; nothing is downloaded here).

use std::path::{Path, PathBuf};

use crate::error::{ModelError, Result};

/// The name of the embedded default model.
pub const DEFAULT_MODEL: &str = "smollm2";
/// Its file inside `models/smollm2/` (what the set-up script unpacks from the PyPI wheel).
pub const DEFAULT_GGUF: &str = "SmolLM2-135M-Instruct.Q4_1.gguf";

/// `$HEXACODER_HOME`, else `<XDG cache>/hexacoder`.
pub fn home() -> PathBuf {
    if let Some(h) = std::env::var_os("HEXACODER_HOME").filter(|h| !h.is_empty()) {
        return PathBuf::from(h);
    }
    dirs::cache_dir()
        .unwrap_or_else(std::env::temp_dir)
        .join("hexacoder")
}

pub fn models_dir() -> PathBuf {
    home().join("models")
}

/// What a model spec points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Located {
    Gguf(PathBuf),
    /// A folder with `config.json`, `*.safetensors`, `tokenizer.json`.
    HfFolder(PathBuf),
}

impl Located {
    pub fn path(&self) -> &Path {
        match self {
            Located::Gguf(p) | Located::HfFolder(p) => p,
        }
    }
}

/// Resolve a model spec: a `.gguf` file, a folder (HF layout, or holding one `.gguf`), an
/// installed model name (`smollm2`), or a Hugging Face repo id in the local hub cache.
pub fn locate(spec: &str) -> Result<Located> {
    let p = Path::new(spec);
    if p.is_file() {
        return Ok(Located::Gguf(p.to_path_buf()));
    }
    if p.is_dir() {
        return in_folder(p).ok_or_else(|| {
            ModelError::file(p, "neither a Hugging Face model folder (config.json) nor a folder with one .gguf file")
        });
    }
    if !spec.contains('/') && !spec.is_empty() {
        let dir = models_dir().join(spec);
        if let Some(found) = in_folder(&dir) {
            return Ok(found);
        }
    }
    if let Some(snapshot) = hf_cache_snapshot(spec) {
        if let Some(found) = in_folder(&snapshot) {
            return Ok(found);
        }
    }
    Err(ModelError::ModelNotFound(spec.to_string()))
}

fn in_folder(dir: &Path) -> Option<Located> {
    if dir.join("config.json").is_file() {
        return Some(Located::HfFolder(dir.to_path_buf()));
    }
    let ggufs: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "gguf"))
        .collect();
    match ggufs.as_slice() {
        [one] => Some(Located::Gguf(one.clone())),
        _ => None,
    }
}

/// `<hub cache>/models--org--name/snapshots/<revision of refs/main>`.
fn hf_cache_snapshot(repo: &str) -> Option<PathBuf> {
    let (org, name) = repo.split_once('/')?;
    let hub = std::env::var_os("HF_HUB_CACHE")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HF_HOME").map(|h| PathBuf::from(h).join("hub")))
        .or_else(|| dirs::home_dir().map(|h| h.join(".cache/huggingface/hub")))?;
    let root = hub.join(format!("models--{org}--{name}"));
    let rev = std::fs::read_to_string(root.join("refs/main")).ok();
    let snapshots = root.join("snapshots");
    match rev {
        Some(r) => Some(snapshots.join(r.trim())),
        None => std::fs::read_dir(&snapshots)
            .ok()?
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .next(),
    }
}

/// An installed model.
#[derive(Debug, Clone)]
pub struct Installed {
    pub name: String,
    pub location: Located,
    pub bytes: u64,
}

/// Models under `models_dir()`, sorted by name.
pub fn installed() -> Vec<Installed> {
    let Ok(entries) = std::fs::read_dir(models_dir()) else {
        return Vec::new();
    };
    let mut out: Vec<Installed> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let location = in_folder(&e.path())?;
            let bytes = folder_size(&e.path());
            Some(Installed {
                name,
                location,
                bytes,
            })
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

fn folder_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|es| {
            es.filter_map(|e| e.ok())
                .filter_map(|e| e.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}
