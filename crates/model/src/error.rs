//! One error type for the model runtime. Every variant renders as one line that names the
//! file, tensor, field or value at fault, because the CLI prints it as `error: …` and exits 2.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("{path}: {message}")]
    File { path: PathBuf, message: String },
    #[error("unsupported architecture `{0}` (supported: llama, qwen2)")]
    UnknownArchitecture(String),
    #[error("missing tensor `{name}` in {path}")]
    MissingTensor { name: String, path: PathBuf },
    #[error("tensor `{name}` has shape {got:?}, expected {expected:?}")]
    Shape {
        name: String,
        got: Vec<usize>,
        expected: Vec<usize>,
    },
    #[error("model `{0}` not found: not a file, a folder, an installed model or a repo in the Hugging Face cache (see `hexacoder models`; run `bash scripts/setup` for the default model)")]
    ModelNotFound(String),
    #[error("tokenizer: {0}")]
    Tokenizer(String),
    #[error("invalid {field}: {message}")]
    Invalid { field: String, message: String },
    #[error("adapter {path}: {message}")]
    Adapter { path: PathBuf, message: String },
    #[error("{}", candle_message(.0))]
    Candle(#[from] candle_core::Error),
}

/// A tensor-library error as one line: candle attaches a backtrace to its errors when
/// `RUST_BACKTRACE` is set, and an expected error (a corrupt file) must never print one.
pub fn candle_message(e: &candle_core::Error) -> String {
    match e {
        candle_core::Error::WithBacktrace { inner, .. } => candle_message(inner),
        candle_core::Error::WithPath { inner, path } => {
            format!("{}: {}", path.display(), candle_message(inner))
        }
        other => other.to_string(),
    }
}

impl ModelError {
    pub fn file(path: impl Into<PathBuf>, message: impl std::fmt::Display) -> Self {
        Self::File {
            path: path.into(),
            message: message.to_string(),
        }
    }

    pub fn invalid(field: impl Into<String>, message: impl std::fmt::Display) -> Self {
        Self::Invalid {
            field: field.into(),
            message: message.to_string(),
        }
    }
}

pub type Result<T> = std::result::Result<T, ModelError>;
