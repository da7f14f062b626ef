//! The training log (`log.jsonl`), one row per optimizer step: written by `hexacoder train`,
//! read by the evaluation report (the loss curves) and the main job (how far a run got).

use serde::{Deserialize, Serialize};

/// What the training loop reports after each optimizer step.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct StepLog {
    pub step: u64,
    pub epoch: usize,
    pub loss: f64,
    pub lr: f64,
    pub tokens_per_s: f64,
    pub elapsed_s: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub val_loss: Option<f64>,
    /// The unlikelihood term, when on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unlikelihood: Option<f64>,
}
