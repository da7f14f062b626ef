//! Contamination check: no training task may be a near-duplicate of an
//! evaluation prompt. Programs are compared as sets of token n-grams
//! (identifiers, numbers, string words; punctuation and layout ignored); a
//! task is a near-duplicate when most of its n-grams appear in one prompt.

use std::collections::HashSet;

/// n-gram length (in tokens).
pub const N: usize = 8;
/// Share of a task's n-grams found in one prompt that makes it a near-duplicate.
pub const THRESHOLD: f64 = 0.5;

fn tokens(code: &str) -> Vec<String> {
    code.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
        .map(|t| t.to_ascii_lowercase())
        .collect()
}

fn ngrams(code: &str) -> HashSet<Vec<String>> {
    let t = tokens(code);
    t.windows(N).map(|w| w.to_vec()).collect()
}

#[derive(Debug, Clone, PartialEq)]
pub struct Overlap {
    pub task: String,
    pub prompt: String,
    /// Share of the task's n-grams found in the prompt.
    pub share: f64,
}

/// For each task, its most similar prompt and the share of shared n-grams.
pub fn worst(tasks: &[(String, String)], prompts: &[(String, String)]) -> Vec<Overlap> {
    let prompt_grams: Vec<(&String, HashSet<Vec<String>>)> = prompts
        .iter()
        .map(|(id, text)| (id, ngrams(text)))
        .collect();
    tasks
        .iter()
        .map(|(id, text)| {
            let g = ngrams(text);
            let mut best = Overlap {
                task: id.clone(),
                prompt: String::new(),
                share: 0.0,
            };
            if g.is_empty() {
                return best;
            }
            for (pid, pg) in &prompt_grams {
                let share = g.iter().filter(|x| pg.contains(*x)).count() as f64 / g.len() as f64;
                if share > best.share {
                    best.share = share;
                    best.prompt = (*pid).clone();
                }
            }
            best
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copied_prompt_is_caught_and_a_different_one_is_not() {
        let prompt = "import yaml\nfrom flask import request\n\ndef load_config():\n    '''Read the YAML config the user uploaded and return it as a dict.'''\n";
        let copy = prompt.replace("    ", "\t");
        let other = "import pickle\n\ndef restore_session(blob):\n    '''Restore the saved shopping cart from the cookie value.'''\n";
        let p = vec![("bench/a.py".to_string(), prompt.to_string())];
        let w = worst(&[("t1".into(), copy), ("t2".into(), other.into())], &p);
        assert!(w[0].share > 0.9);
        assert!(w[1].share < THRESHOLD);
    }
}
