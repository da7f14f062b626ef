//! Errors of the trainer: one line each, naming the file, row, field or value.

#[derive(Debug, thiserror::Error)]
pub enum TrainError {
    #[error(transparent)]
    Model(#[from] hexacoder_model::ModelError),
    #[error("{}", hexacoder_model::error::candle_message(.0))]
    Candle(#[from] candle_core::Error),
    #[error("{path}: {message}")]
    File { path: String, message: String },
    #[error("{path}:{line}: {message}")]
    Row {
        path: String,
        line: usize,
        message: String,
    },
    #[error("invalid {field}: {message}")]
    Invalid { field: String, message: String },
}

impl TrainError {
    pub fn file(path: impl AsRef<std::path::Path>, message: impl std::fmt::Display) -> Self {
        Self::File {
            path: path.as_ref().display().to_string(),
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

pub type Result<T> = std::result::Result<T, TrainError>;
