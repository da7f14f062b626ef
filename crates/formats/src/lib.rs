//! The data that passes between hexacoder's stages, declared once: the language of a
//! program, CWE ids, folders of prompts, the changed spans of a training row, which modules exist, the one seeded generator, and how files between
//! stages are written and read (atomic replacement, one JSONL policy). Small and free of heavy dependencies,
//! so every crate (model, oracle, synth, train, eval) can use it.

pub mod change;
pub mod cwe;
pub mod error;
pub mod files;
pub mod imports;
pub mod jsonl;
pub mod language;
pub mod prompt_folder;
pub mod rng;
pub mod train_log;

pub use change::Change;
pub use cwe::Cwe;
pub use error::StageError;
pub use files::{normalised_code, write_atomic, FileError};
pub use language::{is_cpp_extension, is_cpp_name, Language};
