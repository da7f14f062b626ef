//! The four ways a benchmark is generated: the base model or the hardened one (with its
//! adapter), each in one step or in the paper's two steps (imports first, then the code).
//!
//! A mode names a run folder's subfolder (`<out>/<mode>/<benchmark>/`) and the rows of
//! `results.json`, so its spelling is part of the on-disk format.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Mode {
    #[serde(rename = "base")]
    Base,
    #[serde(rename = "base+2step")]
    BaseTwoStep,
    #[serde(rename = "adapter")]
    Adapter,
    #[serde(rename = "adapter+2step")]
    AdapterTwoStep,
}

impl Mode {
    /// Every mode, in the report's order.
    pub const ALL: [Mode; 4] = [
        Mode::Base,
        Mode::BaseTwoStep,
        Mode::Adapter,
        Mode::AdapterTwoStep,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Mode::Base => "base",
            Mode::BaseTwoStep => "base+2step",
            Mode::Adapter => "adapter",
            Mode::AdapterTwoStep => "adapter+2step",
        }
    }

    /// Parses a mode's name.
    pub fn parse(s: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.name() == s)
    }

    /// Whether the mode generates with the hardened model.
    pub fn with_adapter(self) -> bool {
        matches!(self, Mode::Adapter | Mode::AdapterTwoStep)
    }

    /// Whether the mode writes the imports in a first step.
    pub fn two_step(self) -> bool {
        matches!(self, Mode::BaseTwoStep | Mode::AdapterTwoStep)
    }

    /// The modes a run generates when none are asked for: all four with an adapter, the two
    /// base modes without.
    pub fn defaults(with_adapter: bool) -> Vec<Mode> {
        Mode::ALL
            .into_iter()
            .filter(|m| with_adapter || !m.with_adapter())
            .collect()
    }
}

impl std::fmt::Display for Mode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_match_serde() {
        for m in Mode::ALL {
            assert_eq!(Mode::parse(m.name()), Some(m));
            assert_eq!(
                serde_json::to_string(&m).unwrap(),
                format!("\"{}\"", m.name())
            );
        }
        assert_eq!(Mode::parse("fast"), None);
        assert_eq!(Mode::defaults(false), [Mode::Base, Mode::BaseTwoStep]);
    }
}
