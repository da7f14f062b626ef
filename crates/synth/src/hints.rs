//! Mitigation hints per CWE (the paper's 11, ours for the rest), shipped in
//! `data/synth/hints.json`; users override them with `--hints FILE`.

use std::collections::BTreeMap;
use std::path::Path;

use crate::SynthError;

static BUNDLED: &str = include_str!("../../../data/synth/hints.json");

pub struct Hints(BTreeMap<String, String>);

impl Hints {
    pub fn bundled() -> Hints {
        Hints(serde_json::from_str(BUNDLED).expect("the bundled hints are valid JSON"))
    }

    pub fn from_file(path: &Path) -> Result<Hints, SynthError> {
        let text = std::fs::read_to_string(path).map_err(|e| SynthError::io(path, e))?;
        let map = serde_json::from_str(&text).map_err(|e| {
            SynthError::Input(format!(
                "{}: expected {{\"CWE-078\": \"hint\", …}}: {e}",
                path.display()
            ))
        })?;
        Ok(Hints(map))
    }

    /// The hint for a CWE in a language (`CWE-022-Py` / `CWE-022-C/C++` first, as the paper's file has them).
    pub fn get(&self, cwe: &str, language: &str) -> Option<&str> {
        let specific = match language {
            "python" => format!("{cwe}-Py"),
            _ => format!("{cwe}-C/C++"),
        };
        self.0
            .get(&specific)
            .or_else(|| self.0.get(cwe))
            .map(String::as_str)
    }

    pub fn cwes(&self) -> impl Iterator<Item = &String> {
        self.0.keys()
    }
}
