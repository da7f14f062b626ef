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

/// Bad input, a file, or the backend: the error every stage shares (`hexacoder_formats::StageError`).
pub use hexacoder_formats::StageError as SynthError;
