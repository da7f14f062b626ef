//! The training log (`log.jsonl`), one row per optimizer step: written by `hexacoder train`,
//! read by the evaluation report (the loss curves) and the main job (how far a run got).

use serde::{Deserialize, Serialize};

/// What the training loop reports after each optimizer step.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct StepLog {
    pub step: u64,
    pub epoch: usize,
    /// JSON has no NaN: a diverged step's loss is written `null` and read back as NaN, so a
    /// run that logged one still resumes.
    #[serde(deserialize_with = "null_as_nan")]
    pub loss: f64,
    #[serde(deserialize_with = "null_as_nan")]
    pub lr: f64,
    #[serde(deserialize_with = "null_as_nan")]
    pub tokens_per_s: f64,
    #[serde(deserialize_with = "null_as_nan")]
    pub elapsed_s: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub val_loss: Option<f64>,
    /// The unlikelihood term, when on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unlikelihood: Option<f64>,
}

fn null_as_nan<'de, D: serde::Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    Ok(Option::<f64>::deserialize(d)?.unwrap_or(f64::NAN))
}

#[cfg(test)]
mod tests {
    use super::StepLog;

    #[test]
    fn a_diverged_step_reads_back() {
        let row = StepLog {
            step: 3,
            epoch: 1,
            loss: f64::NAN,
            lr: 1e-4,
            tokens_per_s: f64::INFINITY,
            elapsed_s: 2.0,
            val_loss: None,
            unlikelihood: None,
        };
        let text = serde_json::to_string(&row).unwrap();
        let back: StepLog = serde_json::from_str(&text).unwrap();
        assert!(back.loss.is_nan() && back.tokens_per_s.is_nan());
        assert_eq!((back.step, back.lr, back.elapsed_s), (3, 1e-4, 2.0));
    }
}
