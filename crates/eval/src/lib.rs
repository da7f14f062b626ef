//! # hexacoder-eval
//!
//! Evaluation of code models: security benchmarks judged by the oracle
//! (vulnerable counts and security rates per CWE), functional correctness
//! (HumanEval pass@k with programs run in [`sandbox`]), and reports.

pub mod benchmark;
pub mod functional;
pub mod humaneval;
pub mod passk;
pub mod report;
pub mod sandbox;
pub mod security;

use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("{0}")]
    Input(String),
    #[error("{path}: {message}")]
    Io { path: String, message: String },
    #[error("{0}")]
    Backend(String),
}

impl EvalError {
    pub fn io(path: &Path, e: std::io::Error) -> EvalError {
        EvalError::Io {
            path: path.display().to_string(),
            message: e.to_string(),
        }
    }
}

/// Writes through a temporary file and a rename, so a crash never leaves half a file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), EvalError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| EvalError::io(dir, e))?;
    }
    let tmp = path.with_extension("partial");
    std::fs::write(&tmp, bytes).map_err(|e| EvalError::io(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| EvalError::io(path, e))
}
