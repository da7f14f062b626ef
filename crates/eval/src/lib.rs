//! # hexacoder-eval
//!
//! Evaluation of code models: security benchmarks judged by the oracle
//! (vulnerable counts and security rates per CWE), functional correctness
//! (HumanEval pass@k with programs run in [`sandbox`]), and reports.

pub mod functional;
pub mod humaneval;
pub mod passk;
pub mod sandbox;

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
