//! # hexacoder-synth
//!
//! Oracle-guided synthesis of (vulnerable, fixed) training pairs, the
//! method's first contribution: a code model completes security-relevant
//! tasks, the oracle finds the task's CWE in its samples, a repairer fixes
//! them (the oracle's own mechanical fixes today), the oracle verifies the
//! repair, and each accepted pair becomes a dataset row whose `changes` are
//! the character spans the repair changed (the format of the reference
//! training set, so `hexacoder train` and Hugging Face `datasets` read it).

pub mod changes;
pub mod compile;
pub mod cut;
pub mod hints;
pub mod overlap;
pub mod run;
pub mod tasks;
pub mod verify;

use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum SynthError {
    #[error("{0}")]
    Input(String),
    #[error("{path}: {message}")]
    Io { path: String, message: String },
    #[error("{0}")]
    Backend(String),
}

impl From<hexacoder_formats::jsonl::JsonlError> for SynthError {
    fn from(e: hexacoder_formats::jsonl::JsonlError) -> SynthError {
        use hexacoder_formats::jsonl::JsonlError;
        match e {
            JsonlError::File(f) => SynthError::io(&f.path, f.source),
            row @ JsonlError::Row { .. } => SynthError::Input(row.to_string()),
        }
    }
}

impl SynthError {
    pub fn io(path: &Path, e: std::io::Error) -> SynthError {
        SynthError::Io {
            path: path.display().to_string(),
            message: e.to_string(),
        }
    }
}
