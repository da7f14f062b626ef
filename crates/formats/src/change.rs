//! A changed span of a training row: the characters of the fixed program that the repair
//! inserted or replaced, in characters (not bytes) of the row's `text` — the reference
//! training set's semantics, which `synth` writes and `train` weighs.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub char_start: usize,
    pub char_end: usize,
    /// The text of the span (informative; the reference set carries it, readers ignore it).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub chars: String,
}

impl Change {
    /// A span without its text.
    pub fn new(char_start: usize, char_end: usize) -> Change {
        Change {
            char_start,
            char_end,
            chars: String::new(),
        }
    }
}
