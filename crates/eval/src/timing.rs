//! How long a folder's samples took to generate (`generation.json` beside `samples.jsonl`).
//!
//! Generation resumes: a run folder's samples are often made over several invocations, and a
//! later invocation that only re-judges generates nothing. The time an invocation measured is
//! therefore not the time the samples took; the folder keeps the sum over every invocation that
//! made samples, with how many samples that sum covers, so a report can say "generation 1,114 s"
//! for all of them, or that part of them was made before times were recorded (and never a
//! re-judging run's "0 s").

use serde::{Deserialize, Serialize};
use std::path::Path;

use crate::EvalError;

const FILE: &str = "generation.json";

/// Seconds spent generating, and how many of the folder's samples those seconds made.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GenerationTime {
    pub seconds: f64,
    pub samples: usize,
}

impl GenerationTime {
    /// "1114 s", or "812 s for 900 of 1400 samples" when some samples predate the record.
    pub fn describe(time: Option<&GenerationTime>, total: usize) -> String {
        match time {
            None => "generation time not recorded".into(),
            Some(t) if t.samples >= total => format!("generation {:.0} s", t.seconds),
            Some(t) => format!(
                "generation {:.0} s for {} of {} samples (the rest made before times were recorded)",
                t.seconds, t.samples, total
            ),
        }
    }
}

/// The folder's record, if it has one (an unreadable record counts as none: it only informs).
pub fn load(dir: &Path) -> Option<GenerationTime> {
    let text = std::fs::read_to_string(dir.join(FILE)).ok()?;
    serde_json::from_str(&text).ok()
}

/// Adds one invocation's generation to the folder's record; nothing when it made no samples.
pub fn add(dir: &Path, seconds: f64, made: usize) -> Result<Option<GenerationTime>, EvalError> {
    let old = load(dir);
    if made == 0 {
        return Ok(old);
    }
    let sum = GenerationTime {
        seconds: old.map_or(0.0, |t| t.seconds) + seconds,
        samples: old.map_or(0, |t| t.samples) + made,
    };
    let text = serde_json::to_string_pretty(&sum).expect("serializable");
    crate::write_atomic(&dir.join(FILE), text.as_bytes())?;
    Ok(Some(sum))
}

/// Complete rows already in a samples file: what an invocation found before it generated.
pub fn rows_on_disk(samples: &Path) -> usize {
    std::fs::read_to_string(samples)
        .map(|t| t.lines().filter(|l| !l.trim().is_empty()).count())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invocations_add_up_and_a_rejudging_one_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(dir.path()), None);
        add(dir.path(), 10.0, 4).unwrap();
        add(dir.path(), 0.5, 0).unwrap();
        let t = add(dir.path(), 5.0, 2).unwrap().unwrap();
        assert_eq!(
            t,
            GenerationTime {
                seconds: 15.0,
                samples: 6
            }
        );
        assert_eq!(GenerationTime::describe(Some(&t), 6), "generation 15 s");
        assert_eq!(
            GenerationTime::describe(Some(&t), 10),
            "generation 15 s for 6 of 10 samples (the rest made before times were recorded)"
        );
        assert_eq!(
            GenerationTime::describe(None, 10),
            "generation time not recorded"
        );
    }
}
