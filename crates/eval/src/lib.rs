//! # hexacoder-eval
//!
//! Evaluation of code models: security benchmarks judged by the oracle
//! (vulnerable counts and security rates per CWE), functional correctness
//! (HumanEval pass@k with programs run in [`sandbox`]), security and function together
//! on the same code ([`cweval`]: func@k and func-sec@k), and reports.

pub mod benchmark;
pub mod browser;
pub mod cweval;
pub mod functional;
pub mod headline;
pub mod humaneval;
pub mod mode;
pub mod passk;
pub mod plan;
pub mod report;
pub mod runcheck;
pub mod sandbox;
pub mod security;
pub mod stats;
pub mod timing;

pub use mode::Mode;

use std::path::Path;

/// Bad input, a file, or the backend: the error every stage shares (`hexacoder_formats::StageError`).
pub use hexacoder_formats::StageError as EvalError;

/// Writes through a temporary file and a rename, so a crash never leaves half a file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), EvalError> {
    hexacoder_formats::write_atomic(path, bytes).map_err(|e| EvalError::io(&e.path, e.source))
}

/// The settings a folder's samples were made with (`settings.json` beside `samples.jsonl`).
///
/// Samples are reused when a run resumes, so the settings they were made with are part of the
/// folder: a resumed run with other settings (temperature, seed, budget, style, template,
/// model, adapter) would otherwise report numbers for settings it never used. On a mismatch
/// this refuses, naming the first differing setting, unless `regenerate` is set, in which case
/// the old samples and everything derived from them are moved aside into `replaced-<time>/`
/// (never deleted).
pub fn check_settings(
    dir: &Path,
    settings: &serde_json::Value,
    regenerate: bool,
) -> Result<(), EvalError> {
    let path = dir.join("settings.json");
    let samples = dir.join("samples.jsonl");
    let has_samples = samples.is_file()
        && std::fs::metadata(&samples)
            .map(|m| m.len() > 0)
            .unwrap_or(false);
    if has_samples {
        let old: Option<serde_json::Value> = std::fs::read_to_string(&path)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok());
        let differs = match &old {
            None => {
                Some("settings.json is missing, so the samples' settings are unknown".to_string())
            }
            Some(old) => first_difference(old, settings, ""),
        };
        if let Some(what) = differs {
            if !regenerate {
                return Err(EvalError::Input(format!(
                    "{}: the samples there were made with other settings ({what}); \
                     use another --out, or --regenerate to set them aside and generate again",
                    dir.display()
                )));
            }
            let stamp = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs());
            let aside = dir.join(format!("replaced-{stamp}"));
            std::fs::create_dir_all(&aside).map_err(|e| EvalError::io(&aside, e))?;
            for entry in std::fs::read_dir(dir)
                .map_err(|e| EvalError::io(dir, e))?
                .flatten()
            {
                let p = entry.path();
                if p.is_file() {
                    let to = aside.join(entry.file_name());
                    std::fs::rename(&p, &to).map_err(|e| EvalError::io(&p, e))?;
                }
            }
        }
    }
    let text = serde_json::to_string_pretty(settings).expect("serializable");
    write_atomic(&path, text.as_bytes())
}

/// The first setting that differs between two settings objects, as `key: old → new`.
fn first_difference(old: &serde_json::Value, new: &serde_json::Value, at: &str) -> Option<String> {
    use serde_json::Value;
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => {
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            keys.sort();
            keys.dedup();
            keys.into_iter().find_map(|k| {
                let path = if at.is_empty() {
                    k.clone()
                } else {
                    format!("{at}.{k}")
                };
                first_difference(
                    a.get(k).unwrap_or(&Value::Null),
                    b.get(k).unwrap_or(&Value::Null),
                    &path,
                )
            })
        }
        (a, b) if a == b => None,
        (a, b) => {
            let show = |v: &Value| {
                let s = v.to_string();
                if s.chars().count() > 60 {
                    format!("{}…", s.chars().take(60).collect::<String>())
                } else {
                    s
                }
            };
            Some(format!("{at}: {} → {}", show(a), show(b)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_made_with_other_settings_are_refused_or_set_aside() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let a = serde_json::json!({"temperature": 0.4, "seed": 1, "backend": "local:x"});
        check_settings(d, &a, false).unwrap();
        std::fs::write(d.join("samples.jsonl"), "{}\n").unwrap();
        check_settings(d, &a, false).unwrap();
        let b = serde_json::json!({"temperature": 0.8, "seed": 1, "backend": "local:x"});
        let err = check_settings(d, &b, false).unwrap_err().to_string();
        assert!(err.contains("temperature: 0.4 → 0.8"), "{err}");
        assert_eq!(
            std::fs::read_to_string(d.join("samples.jsonl")).unwrap(),
            "{}\n"
        );
        check_settings(d, &b, true).unwrap();
        assert!(!d.join("samples.jsonl").exists());
        let aside: Vec<_> = std::fs::read_dir(d)
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with("replaced-"))
            .collect();
        assert_eq!(aside.len(), 1);
        assert!(aside[0].path().join("samples.jsonl").is_file());
        // Samples without a settings file: unknown settings, refused.
        std::fs::remove_file(d.join("settings.json")).unwrap();
        std::fs::write(d.join("samples.jsonl"), "{}\n").unwrap();
        assert!(check_settings(d, &b, false).is_err());
    }
}
