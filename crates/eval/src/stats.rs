//! Intervals a reader can trust: Wilson intervals for rates, the standard error of pass@k, and
//! paired bootstrap intervals for the difference between two modes.
//!
//! Why paired and by prompt: every mode answers the same prompts, and samples of one prompt are
//! far from independent (a prompt that invites `os.system` does so for all 15 samples). So the
//! bootstrap resamples prompts, with each prompt's samples in both modes kept together; an
//! interval over samples would be too narrow.

use std::collections::BTreeMap;

use hexacoder_formats::rng::SplitMix;
use serde::{Deserialize, Serialize};

/// The 95 % quantile of the standard normal (two-sided).
const Z95: f64 = 1.959_963_984_540_054;

/// Wilson's 95 % score interval for `k` successes in `n` trials (`(0, 1)` when `n` is 0).
pub fn wilson(k: usize, n: usize) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let (k, n) = (k as f64, n as f64);
    let p = k / n;
    let z2 = Z95 * Z95;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = Z95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / (1.0 + z2 / n);
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// One unit of a paired comparison: a prompt's successes and trials in mode A and mode B.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pair {
    pub a: (usize, usize),
    pub b: (usize, usize),
}

/// A difference between two modes, B − A, with its 95 % bootstrap interval, and the relative
/// change (B − A) / A with its interval.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq)]
pub struct Difference {
    pub a: f64,
    pub b: f64,
    pub diff: f64,
    pub lo: f64,
    pub hi: f64,
    pub relative: Option<f64>,
    pub relative_lo: Option<f64>,
    pub relative_hi: Option<f64>,
    /// Prompts (units) compared.
    pub units: usize,
    pub resamples: usize,
}

/// Pooled rates Σk/Σn of A and B and the percentile interval of B − A over `resamples` draws
/// of the units with replacement (seeded, so reports are reproducible).
pub fn paired_bootstrap(pairs: &[Pair], resamples: usize, seed: u64) -> Option<Difference> {
    let rate = |idx: &mut dyn Iterator<Item = usize>| {
        let (mut ka, mut na, mut kb, mut nb) = (0usize, 0usize, 0usize, 0usize);
        for i in idx {
            let p = &pairs[i];
            ka += p.a.0;
            na += p.a.1;
            kb += p.b.0;
            nb += p.b.1;
        }
        let ra = (na > 0).then(|| ka as f64 / na as f64);
        let rb = (nb > 0).then(|| kb as f64 / nb as f64);
        ra.zip(rb)
    };
    let (a, b) = rate(&mut (0..pairs.len()))?;
    let mut rng = SplitMix(seed);
    let mut diffs = Vec::with_capacity(resamples);
    let mut rels = Vec::with_capacity(resamples);
    let n = pairs.len();
    for _ in 0..resamples {
        let mut draw = (0..n).map(|_| (rng.next_u64() % n as u64) as usize);
        if let Some((ra, rb)) = rate(&mut draw) {
            diffs.push(rb - ra);
            if ra > 0.0 {
                rels.push((rb - ra) / ra);
            }
        }
    }
    let (lo, hi) = percentile_interval(&mut diffs);
    let relative = (a > 0.0).then(|| (b - a) / a);
    let (rlo, rhi) = if rels.len() * 10 >= resamples * 9 {
        let (l, h) = percentile_interval(&mut rels);
        (Some(l), Some(h))
    } else {
        (None, None)
    };
    Some(Difference {
        a,
        b,
        diff: b - a,
        lo,
        hi,
        relative,
        relative_lo: rlo,
        relative_hi: rhi,
        units: n,
        resamples,
    })
}

/// The 2.5 % and 97.5 % percentiles.
fn percentile_interval(v: &mut [f64]) -> (f64, f64) {
    if v.is_empty() {
        return (f64::NAN, f64::NAN);
    }
    v.sort_by(|x, y| x.total_cmp(y));
    let at = |q: f64| v[((q * (v.len() - 1) as f64).round() as usize).min(v.len() - 1)];
    (at(0.025), at(0.975))
}

/// The mean over problems of the unbiased pass@k, and its standard error (the spread of the
/// per-problem estimates over √problems), from `(passed, samples)` per problem.
pub fn pass_at_k_with_se(
    per_problem: &BTreeMap<String, (usize, usize)>,
    k: usize,
) -> Option<(f64, f64)> {
    let values: Vec<f64> = per_problem
        .values()
        .filter(|(_, n)| *n >= k)
        .map(|&(c, n)| crate::passk::estimate(n, c, k))
        .collect();
    if values.is_empty() || values.len() != per_problem.len() {
        return None;
    }
    let m = values.len() as f64;
    let mean = values.iter().sum::<f64>() / m;
    let var = if values.len() > 1 {
        values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (m - 1.0)
    } else {
        0.0
    };
    Some((mean, (var / m).sqrt()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wilson_matches_the_textbook_values() {
        // statsmodels.stats.proportion.proportion_confint(38, 375, method="wilson"): (0.074721, 0.136031)
        let (lo, hi) = wilson(38, 375);
        assert!((lo - 0.074_721).abs() < 1e-5, "{lo}");
        assert!((hi - 0.136_031).abs() < 1e-5, "{hi}");
        let (lo, hi) = wilson(0, 10);
        assert_eq!(lo, 0.0);
        assert!((hi - 0.277_533).abs() < 1e-5, "{hi}");
        assert_eq!(wilson(0, 0), (0.0, 1.0));
    }

    #[test]
    fn bootstrap_finds_a_real_difference_and_not_a_null_one() {
        // 40 prompts of 10 samples: A 5/10 vulnerable each, B 1/10: a clear drop.
        let drop: Vec<Pair> = (0..40)
            .map(|i| Pair {
                a: (3 + i % 5, 10),
                b: (i % 3, 10),
            })
            .collect();
        let d = paired_bootstrap(&drop, 2000, 7).unwrap();
        assert!(d.diff < 0.0 && d.hi < 0.0, "{d:?}");
        assert!(d.relative.unwrap() < -0.5 && d.relative_hi.unwrap() < 0.0);
        // Same data in both modes: the interval holds 0 and the difference is exactly 0.
        let same: Vec<Pair> = drop.iter().map(|p| Pair { a: p.a, b: p.a }).collect();
        let d = paired_bootstrap(&same, 2000, 7).unwrap();
        assert_eq!((d.diff, d.lo, d.hi), (0.0, 0.0, 0.0));
        // Seeded: the same interval twice.
        assert_eq!(
            paired_bootstrap(&drop, 500, 1),
            paired_bootstrap(&drop, 500, 1)
        );
        assert!(paired_bootstrap(&[], 10, 1).is_none());
    }

    #[test]
    fn pass_at_k_standard_error() {
        let mut m = BTreeMap::new();
        m.insert("a".to_string(), (1, 5));
        m.insert("b".to_string(), (0, 5));
        let (mean, se) = pass_at_k_with_se(&m, 1).unwrap();
        assert!((mean - 0.1).abs() < 1e-12);
        // per-problem 0.2 and 0.0: sd = 0.1414.., se = sd / sqrt(2) = 0.1
        assert!((se - 0.1).abs() < 1e-12, "{se}");
        assert!(pass_at_k_with_se(&m, 10).is_none());
    }
}
