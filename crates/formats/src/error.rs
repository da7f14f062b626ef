//! The error of a stage that reads hand-off files and calls a model: bad input, a file it
//! could not read or write, or a backend that failed. Synthesis and evaluation share it, so
//! the CLI turns either into the same one-line message.

use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum StageError {
    /// Input the user gave (a flag, a file's content) that the stage cannot use; the message
    /// names the flag, file or value.
    #[error("{0}")]
    Input(String),
    /// A file the stage could not read or write.
    #[error("{path}: {message}")]
    Io { path: String, message: String },
    /// The model backend failed (a remote server, a model that would not load).
    #[error("{0}")]
    Backend(String),
}

impl StageError {
    pub fn io(path: &Path, e: std::io::Error) -> StageError {
        StageError::Io {
            path: path.display().to_string(),
            message: e.to_string(),
        }
    }
}

impl From<crate::jsonl::JsonlError> for StageError {
    fn from(e: crate::jsonl::JsonlError) -> StageError {
        use crate::jsonl::JsonlError;
        match e {
            JsonlError::File(f) => StageError::io(&f.path, f.source),
            row @ JsonlError::Row { .. } => StageError::Input(row.to_string()),
        }
    }
}

impl From<crate::FileError> for StageError {
    fn from(e: crate::FileError) -> StageError {
        StageError::io(&e.path, e.source)
    }
}
